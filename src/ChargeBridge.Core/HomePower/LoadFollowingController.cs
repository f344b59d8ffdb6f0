using ChargeBridge.Core.Control;
using ChargeBridge.Core.Meters;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.HomePower;

/// <summary>
/// Load following as a pure function, called once per grid reading: the set point moves by the grid flow so the
/// grid goes to <see cref="LoadFollowingSettings.GridTarget"/> (a small export), within the direction, the charger's and the user's limits, the SoC limits, a step limit,
/// a settling wait after each change and a dead band. Safety comes before settling: a set point that a limit no
/// longer allows (stale meter, SoC floor, practical maximum, direction) is cut at once. Allocates nothing.
/// </summary>
public static class LoadFollowingController
{
    public static LoadFollowingDecision Decide(in LoadFollowingInput input, LoadFollowingSettings settings)
    {
        var now = input.Now;
        var last = input.LastSetPoint;

        // Without a trustworthy grid value any set point may be wrong: stop, the plan decides what runs without it.
        var health = input.Grid.HealthAt(now, settings.MeterStaleAfter);
        if (health is MeterHealth.Stale or MeterHealth.Unknown || input.Grid.Power is not { } grid)
            return Decision(Power.Zero, last, LoadFollowingReason.StaleMeter, now, settings);

        var (chargeLimit, chargeReason) = ChargeLimit(input);
        var (dischargeLimit, dischargeReason) = DischargeLimit(input, settings);
        var minimum = input.Capabilities.MinPower;

        // Reducing towards 0 is always safe, so a set point a limit no longer allows is cut without waiting.
        if (last > chargeLimit || last < -dischargeLimit)
        {
            var cut = last.Clamp(-dischargeLimit, chargeLimit);
            return Decision(cut.Abs() < minimum ? Power.Zero : cut, last,
                last.IsCharging ? chargeReason : dischargeReason, now, settings);
        }

        // The error is measured from the grid target, a small export, so tracking error and noise land on export.
        var error = grid - settings.GridTarget;
        if (input.LastSetPointAt is { } writtenAt)
        {
            // A reading taken before the change settled does not show its effect yet, unless the charger reports what
            // it delivers: then that reading shows the house moving on since, and a move that imports more than
            // ActEarlyAbove is followed at once (less import: more discharge or less charge).
            var settledAt = writtenAt + settings.SettlingFor(input.LastChange);
            if ((now < settledAt || input.Grid.At < settledAt) && !ActsEarly(input, error, settings))
                return new(last, Power.Zero, LoadFollowingReason.Settling, settledAt);
        }

        if (error.Abs() < settings.DeadBand)
            return new(last, Power.Zero, LoadFollowingReason.DeadBand, now);

        var target = Base(input) - error;
        var reason = LoadFollowingReason.Following;
        if (target > chargeLimit) (target, reason) = (chargeLimit, chargeReason);
        else if (target < -dischargeLimit) (target, reason) = (-dischargeLimit, dischargeReason);

        if (target != Power.Zero)
        {
            // Hysteresis around the charger's minimum: charging starts clearly above it and stops below it (never from
            // the grid); discharging starts below it and holds it down to a smaller share, the rest flowing out.
            var running = last != Power.Zero && Math.Sign(last.Watts) == Math.Sign(target.Watts);
            var share = target.IsDischarging
                ? (running ? settings.DischargeKeepDownTo : settings.DischargeStartAt).Value / 100 * ThresholdShare(input, settings, minimum)
                : running ? 1 : 1 + settings.StartAboveMinimum.Value / 100;
            var limit = target.IsDischarging ? dischargeLimit : chargeLimit;
            if (target.Abs() < minimum * share || minimum > limit) (target, reason) = (Power.Zero, LoadFollowingReason.BelowChargerMinimum);
            else if (target.Abs() < minimum) target = minimum * Math.Sign(target.Watts);
        }

        return Decision(Step(last, target, minimum, settings.MaxStep), last, reason, now, settings);
    }

    /// <summary>
    /// Whether a reading taken while the last change settles acts at once: only when the charger reports what it
    /// delivers (so the reading can be judged against what has already arrived) and the set point that reading asks for
    /// lies more than <see cref="LoadFollowingSettings.ActEarlyAbove"/> on the side of less import (more discharge,
    /// less charge) than the one in force: the house moved on since the change was sent.
    /// </summary>
    private static bool ActsEarly(in LoadFollowingInput input, Power error, LoadFollowingSettings settings) =>
        settings.ActEarlyAbove is { } above && input.ChargerPower is { } delivered
        && input.LastSetPoint - (delivered - error) > above;

    /// <summary>
    /// The set point the grid reading refers to: what the charger reports delivering when it reports it (the grid
    /// reading includes exactly that, whatever the set point was rounded to, and a car held back by its own limit or
    /// still ramping does not wind the set point up), else the set point in force.
    /// </summary>
    private static Power Base(in LoadFollowingInput input) => input.ChargerPower ?? input.LastSetPoint;

    /// <summary>
    /// The share of the discharge thresholds that applies: 1 without a known end of the V2H period or while the car's
    /// spare energy (above min SoC or <see cref="LoadFollowingInput.KeepSoc"/>, plus the margin) spread evenly over the
    /// time left is below <see cref="LoadFollowingSettings.SpendSpareFrom"/> times the charger's minimum; falling to 0
    /// at twice that.
    /// </summary>
    private static double ThresholdShare(in LoadFollowingInput input, LoadFollowingSettings settings, Power minimum)
    {
        if (input.DischargeUntil is not { } until || input.Soc is not { } soc || until <= input.Now || minimum <= Power.Zero
            || settings.SpendSpareFrom <= 0) return 1;
        var keep = input.KeepSoc is { } k && k.Value > input.Settings.MinSoc.Value ? k.Value : input.Settings.MinSoc.Value;
        var floor = keep + Math.Max(settings.MinSocMargin.Value, SafetyEnvelope.FloorMargin.Value);
        var spare = (soc.Value - floor) / 100 * input.Settings.Capacity.KilowattHours * input.Settings.DischargeEfficiency;
        if (spare <= 0) return 1;
        var evenRate = spare * 1000 / (until - input.Now).TotalHours;
        return Math.Clamp(2 - evenRate / (minimum.Watts * settings.SpendSpareFrom), 0, 1);
    }

    /// <summary>At most one step from <paramref name="last"/> towards <paramref name="target"/>, never landing between 0
    /// and the charger's minimum: it stops there when it was on its way down or across 0, and starts at the minimum.</summary>
    private static Power Step(Power last, Power target, Power minimum, Power maxStep)
    {
        var next = last + (target - last).Clamp(-maxStep, maxStep);
        if (next == Power.Zero || next.Abs() >= minimum) return next;
        var towardsZero = last != Power.Zero && (Math.Sign(next.Watts) != Math.Sign(last.Watts) || next.Abs() < last.Abs());
        return towardsZero ? Power.Zero : minimum * Math.Sign(next.Watts);
    }

    private static (Power Limit, LoadFollowingReason Reason) ChargeLimit(in LoadFollowingInput input)
    {
        if (input.Direction == LoadFollowingDirection.V2H) return (Power.Zero, LoadFollowingReason.DirectionLimit);
        if (input.Soc is { } soc && soc >= input.PracticalMaxSoc) return (Power.Zero, LoadFollowingReason.PracticalMaxReached);
        return (Min(input.Capabilities.MaxChargePower, input.Settings.MaxChargePower), LoadFollowingReason.PowerLimit);
    }

    private static (Power Limit, LoadFollowingReason Reason) DischargeLimit(in LoadFollowingInput input, LoadFollowingSettings settings)
    {
        if (input.Direction == LoadFollowingDirection.S2V || !input.Capabilities.Bidirectional)
            return (Power.Zero, LoadFollowingReason.DirectionLimit);
        if (input.Soc is not { } soc) return (Power.Zero, LoadFollowingReason.SocUnknown);
        // Never closer to min SoC than the safety envelope allows, so the envelope never has to cut load following.
        var margin = Math.Max(settings.MinSocMargin.Value, SafetyEnvelope.FloorMargin.Value);
        if (soc.Value <= input.Settings.MinSoc.Value + margin) return (Power.Zero, LoadFollowingReason.MinSocReached);
        return (Min(input.Capabilities.MaxDischargePower, input.Settings.MaxDischargePower), LoadFollowingReason.PowerLimit);
    }

    private static LoadFollowingDecision Decision(Power setPoint, Power last, LoadFollowingReason reason, DateTimeOffset now, LoadFollowingSettings settings)
    {
        var change = (setPoint - last).Abs();
        return new(setPoint, change, reason, change == Power.Zero ? now : now + settings.SettlingFor(change));
    }

    private static Power Min(Power a, Power b) => a < b ? a : b;
}

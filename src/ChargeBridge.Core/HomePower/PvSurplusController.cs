using ChargeBridge.Core.Meters;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.HomePower;

/// <summary>
/// PV surplus charging for one loadpoint. Each <see cref="Step"/> works out the surplus, feeds it to the damping
/// window and decides a set point. The enable and disable timers run on the surplus as measured, averaged over
/// <see cref="PvSurplusSettings.TimerAveraging"/>, so a cloud shorter than the disable delay never stops charging; the
/// set point follows the damped surplus, so noisy PV lowers the target instead of moving the charger up and down. Steps allocate nothing once the window is built.
/// </summary>
public sealed class PvSurplusController(PvSurplusSettings settings)
{
    private readonly PvSurplusDampingWindow _window = new(settings.DampingWindow, settings.DampingFactor, settings.DampingCapacity,
        settings.DampingLevel, settings.DampingLevelWithPv, settings.PvSmoothing, settings.CloudySpread.Watts);
    private DateTimeOffset? _enoughSince;
    private DateTimeOffset? _shortSince;

    public PvSurplusSettings Settings { get; } = settings;

    /// <summary>Whether SolarOnly charging has started and not yet stopped.</summary>
    public bool Charging { get; private set; }

    /// <summary>
    /// PV surplus: export + the car's own charging + the house battery's charging (signed, so its discharge is not
    /// surplus), less all of the battery's charging while it is below the priority SoC or its SoC is unknown.
    /// </summary>
    public Power SurplusOf(in PvSurplusInput input, Power grid)
    {
        var battery = input.BatteryPower ?? Power.Zero;
        var batteryFirst = input.BatterySoc is not { } soc || soc < Settings.BatteryPrioritySoc;
        if (batteryFirst && battery.IsCharging) battery = Power.Zero;
        return -grid + input.CarPower + battery;
    }

    public PvSurplusDecision Step(in PvSurplusInput input)
    {
        if (!input.CarConnected) return Off(PvSurplusReason.NotConnected);
        if (input.CarSoc is { } carSoc && carSoc >= input.PracticalMaxSoc) return Off(PvSurplusReason.Full);

        var limits = PvSurplusLimits.For(input.Capabilities, input.Capabilities.Phases);
        var health = input.Grid.HealthAt(input.Now, Settings.MeterStaleAfter);
        if (health is MeterHealth.Stale or MeterHealth.Unknown || input.Grid.Power is not { } grid)
        {
            // Old samples say nothing about the sky now; without a meter only MinPlusSolar's promise is kept.
            _window.Clear();
            Reset();
            var floor = input.Mode == PvSurplusMode.MinPlusSolar ? limits.RoundDown(limits.Min) : Power.Zero;
            return new(floor, PvSurplusReason.StaleMeter, null, Power.Zero, Power.Zero);
        }

        var surplus = SurplusOf(input, grid);
        _window.Add(input.Now, surplus, input.PvPower);
        var damped = _window.Damped();
        var atLeastMin = limits.RoundDown(damped >= limits.Min ? damped : limits.Min);

        if (input.Mode == PvSurplusMode.MinPlusSolar)
        {
            // The minimum is promised, so no timers: SolarOnly taking over later continues without a new enable delay.
            Charging = atLeastMin > Power.Zero;
            _enoughSince = null;
            _shortSince = null;
            var reason = damped >= limits.Min ? PvSurplusReason.ChargingFromSurplus : PvSurplusReason.MinPlusSolarFloor;
            return new(atLeastMin, reason, null, surplus, damped);
        }

        // The timers judge the surplus averaged over a few seconds: a second of noise is no cloud.
        var timed = Settings.TimerAveraging > TimeSpan.Zero ? _window.MeanOf(Settings.TimerAveraging) : surplus;
        var enough = timed >= limits.Min && limits.Max >= limits.Min;
        if (!Charging)
        {
            _shortSince = null;
            // Surplus hovering at the minimum: a dip of the short mean does not restart the delay while the mean over
            // the whole delay still holds the minimum.
            if (_enoughSince is not null && limits.Max >= limits.Min && _window.MeanOf(Settings.EnableDelay) >= limits.Min) enough = true;
            if (!enough)
            {
                _enoughSince = null;
                return new(Power.Zero, PvSurplusReason.NotEnoughSurplus, null, surplus, damped);
            }
            _enoughSince ??= input.Now;
            var waited = input.Now - _enoughSince.Value;
            if (waited < Settings.EnableDelay)
                return new(Power.Zero, PvSurplusReason.WaitingForSurplus, Settings.EnableDelay - waited, surplus, damped);
            Charging = true;
            _enoughSince = null;
            return new(atLeastMin, PvSurplusReason.ChargingFromSurplus, null, surplus, damped);
        }

        if (enough)
        {
            _shortSince = null;
            return new(atLeastMin, PvSurplusReason.ChargingFromSurplus, null, surplus, damped);
        }

        if (input.Capabilities is { CanSwitchPhases: true, Phases: > 1 } && surplus >= PvSurplusLimits.For(input.Capabilities, 1).Min)
        {
            // One phase would hold: the phase switch (on its own disable delay) stops, switches and lets this restart.
            _shortSince = null;
            return new(limits.RoundDown(limits.Min), PvSurplusReason.HoldingForPhaseSwitch, null, surplus, damped);
        }

        if (input.BatterySoc is { } batterySoc && batterySoc >= Settings.BatteryBufferSoc
            && surplus + Settings.MaxBatteryDischargeForCar >= limits.Min && limits.Max >= limits.Min)
        {
            // The battery covers the gap up to its allowance: no grid import, so no reason to count down.
            _shortSince = null;
            return new(limits.RoundDown(limits.Min), PvSurplusReason.HoldingOnBattery, null, surplus, damped);
        }

        _shortSince ??= input.Now;
        var below = input.Now - _shortSince.Value;
        if (below < Settings.DisableDelay)
            return new(limits.RoundDown(limits.Min), PvSurplusReason.Stopping, Settings.DisableDelay - below, surplus, damped);
        Reset();
        return new(Power.Zero, PvSurplusReason.NotEnoughSurplus, null, surplus, damped);
    }

    private PvSurplusDecision Off(PvSurplusReason reason)
    {
        Reset();
        return new(Power.Zero, reason, null, Power.Zero, Power.Zero);
    }

    /// <summary>Forgets a started charge and the delays' timers, e.g. after steps the controller did not see; the damping
    /// window keeps its samples, which age out by themselves.</summary>
    public void Reset()
    {
        Charging = false;
        _enoughSince = null;
        _shortSince = null;
    }
}

using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Control;

/// <summary>
/// The charge modes as a pure state machine: one call per tick turns a <see cref="ControlInput"/> into the mode
/// from now on and the charger command, following the charge-mode rules users know from V2G controllers.
/// Every power command passes the <see cref="SafetyEnvelope"/>.
/// </summary>
public static class ChargeModeController
{
    public static ControlDecision Decide(ControlInput input)
    {
        var (mode, transition) = NextMode(input);
        var ask = input.CarConnected && !input.WasConnected && mode != ChargeMode.Automatic;

        if (mode == ChargeMode.Pause)
            return new(input.At, ChargerCommand.Release, mode, Join(transition, "paused: control is with the charger's app"), ask, null);

        var (request, why) = Request(mode, input);
        var safe = SafetyEnvelope.Apply(request, input.Safety);
        var reason = Join(transition, safe.Limited ? $"{why}; {safe.Reason}" : why);
        return new(input.At, ChargerCommand.Set(safe.Allowed), mode, reason, ask, safe);
    }

    /// <summary>
    /// The mode after this tick's events, and a text saying why it changed (null when it did not). With the SoC
    /// unknown a boost keeps going (the car ends a full charge itself) and a discharge holds 0 W in the envelope.
    /// </summary>
    private static (ChargeMode Mode, string? Why) NextMode(ControlInput input)
    {
        var safety = input.Safety;
        return input.Mode switch
        {
            // Leaving a one-off mode on unplug keeps a forgotten boost or discharge from running at the next plug-in.
            ChargeMode.MaxBoostNow or ChargeMode.MaxDischargeNow when !input.CarConnected && input.WasConnected =>
                (ChargeMode.Automatic, "car disconnected: back to Automatic"),
            ChargeMode.MaxBoostNow when input.Soc is { } soc && soc >= input.PracticalMaxSoc =>
                (ChargeMode.Automatic, $"practical maximum {input.PracticalMaxSoc} reached: back to Automatic"),
            ChargeMode.MaxDischargeNow when input.Soc is { } soc && soc <= SafetyEnvelope.DischargeFloor(safety) =>
                (ChargeMode.Automatic, $"discharge floor {SafetyEnvelope.DischargeFloor(safety)} reached: back to Automatic"),
            var mode => (mode, null),
        };
    }

    /// <summary>The set point a mode asks for before the safety envelope.</summary>
    private static (Power Request, string Why) Request(ChargeMode mode, ControlInput input)
    {
        var safety = input.Safety;
        return mode switch
        {
            // In the full-power modes home power control only ever lowers the power: to what the grid limit leaves.
            ChargeMode.MaxBoostNow when ChargeCap(input) is { } cap => (cap, "max boost, within the grid limit"),
            ChargeMode.MaxBoostNow => (SafetyEnvelope.MaxCharge(safety), "max boost"),
            ChargeMode.MaxDischargeNow when input.HomePower is { } cap && cap > -SafetyEnvelope.MaxDischarge(safety) =>
                (cap.IsCharging ? Power.Zero : cap, "max discharge, within the grid limit"),
            ChargeMode.MaxDischargeNow => (-SafetyEnvelope.MaxDischarge(safety), "max discharge"),
            _ when input.Soc is { } soc && soc < input.Settings.MinSoc && ChargeCap(input) is { } cap =>
                (cap, $"SoC {soc} below the minimum {input.Settings.MinSoc}: charging as fast as the grid limit allows"),
            _ when input.Soc is { } soc && soc < input.Settings.MinSoc =>
                (SafetyEnvelope.MaxCharge(safety), $"SoC {soc} below the minimum {input.Settings.MinSoc}: charging at full power"),
            ChargeMode.SolarOnly or ChargeMode.MinPlusSolar or ChargeMode.PowerTheHouse or ChargeMode.ChargeFromExport or ChargeMode.ZeroGrid =>
                input.HomePower is { } following ? (following, "following the meter") : (Power.Zero, "waiting for the meter"),
            _ when input.HomePower is { } shaped => (shaped, "following the schedule, shaped by the meter"),
            _ when input.ScheduledSetPoint is { } setPoint => (setPoint, "following the schedule"),
            _ => (Power.Zero, "no schedule for now: idle"),
        };
    }

    /// <summary>Home power's set point when it is below the full charge power (the grid limit's share), never a discharge.</summary>
    private static Power? ChargeCap(ControlInput input) =>
        input.HomePower is { } cap && cap < SafetyEnvelope.MaxCharge(input.Safety) ? (cap.IsDischarging ? Power.Zero : cap) : null;

    private static string Join(string? first, string second) => first is null ? second : $"{first}; {second}";
}

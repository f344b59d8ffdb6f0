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

        var (request, why) = WithinShare(Request(mode, input), input.GridShare);
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
            ChargeMode.MaxBoostNow => (SafetyEnvelope.MaxCharge(safety), "max boost"),
            ChargeMode.MaxDischargeNow => (-SafetyEnvelope.MaxDischarge(safety), "max discharge"),
            _ when input.Soc is { } soc && soc < input.Settings.MinSoc =>
                (SafetyEnvelope.MaxCharge(safety), $"SoC {soc} below the minimum {input.Settings.MinSoc}: charging at full power"),
            ChargeMode.SolarOnly or ChargeMode.MinPlusSolar or ChargeMode.PowerTheHouse or ChargeMode.ChargeFromExport or ChargeMode.ZeroGrid =>
                input.HomePower is { } following ? (following, "following the meter") : (Power.Zero, "waiting for the meter"),
            _ when input.HomePower is { } shaped => (shaped, "following the schedule, shaped by the meter"),
            _ when input.ScheduledSetPoint is { } setPoint => (setPoint, "following the schedule"),
            _ => (Power.Zero, "no schedule for now: idle"),
        };
    }

    /// <summary>
    /// What the mode <paramref name="asked"/> for, within the grid limit's share: the share only ever brings the power towards 0, so a
    /// share in the other direction (or none in this one) means 0 W.
    /// </summary>
    private static (Power Request, string Why) WithinShare((Power Request, string Why) asked, Power? share) => share switch
    {
        null => asked,
        { } s when asked.Request.IsCharging && asked.Request > s => (s.IsCharging ? s : Power.Zero, $"{asked.Why}, within the grid limit"),
        { } s when asked.Request.IsDischarging && asked.Request < s => (s.IsDischarging ? s : Power.Zero, $"{asked.Why}, within the grid limit"),
        _ => asked,
    };

    private static string Join(string? first, string second) => first is null ? second : $"{first}; {second}";
}

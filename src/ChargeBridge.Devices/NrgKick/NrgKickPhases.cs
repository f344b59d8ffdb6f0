namespace ChargeBridge.Devices.NrgKick;

/// <summary>The phases an NRGKICK is supplied on, from its phase voltages: a live phase reads near 230 V, a phase
/// that is not connected near 0 V.</summary>
public static class NrgKickPhases
{
    /// <summary>The voltage above which a phase counts as live: far from 0 V and far below the 207 V the grid may sag to.</summary>
    public const double LiveAboveV = 150;

    /// <summary>How many phases are live (1 to 3), or null when none is (the voltages say nothing then).</summary>
    public static int? FromVoltages(IReadOnlyList<double> volts)
    {
        var live = volts.Count(v => v > LiveAboveV);
        return live is >= 1 and <= 3 ? live : null;
    }
}

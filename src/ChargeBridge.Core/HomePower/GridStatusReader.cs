using System.Globalization;

namespace ChargeBridge.Core.HomePower;

/// <summary>
/// Turns the grid-status entity's state into a <see cref="GridSignal"/>. A binary sensor is <c>on</c> while the grid is
/// there (<see cref="BackupSettings.GridUpState"/>), <c>off</c> when it is gone; anything else (unavailable, unknown) is
/// <see cref="GridSignal.Unknown"/>: a sensor that cannot be read says nothing about the grid. A meter's voltage or
/// frequency entity that is unavailable or unknown counts as <see cref="GridSignal.Down"/>: a mains-powered meter drops
/// out with the grid, and Backup needs the signal to last <see cref="BackupSettings.DownFor"/> first.
/// </summary>
public static class GridStatusReader
{
    /// <summary>Below this a frequency reading is "0": the meter sees no grid at all.</summary>
    private const double NoFrequencyBelow = 1;

    public static GridSignal Classify(GridStatusSource source, string? state, BackupSettings settings)
    {
        if (source == GridStatusSource.BinarySensor)
            return string.Equals(state, settings.GridUpState, StringComparison.OrdinalIgnoreCase) ? GridSignal.Up
                : string.Equals(state, "on", StringComparison.OrdinalIgnoreCase) || string.Equals(state, "off", StringComparison.OrdinalIgnoreCase) ? GridSignal.Down
                : GridSignal.Unknown;
        if (state is null or "unavailable" or "unknown" or "") return GridSignal.Down;
        if (!double.TryParse(state, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value)) return GridSignal.Unknown;
        return source == GridStatusSource.Voltage
            ? value < settings.MinVolts ? GridSignal.Down : GridSignal.Up
            : value < NoFrequencyBelow ? GridSignal.Down
            : FrequencyResponseSettings.Plausible(value) ? GridSignal.Up : GridSignal.Unknown;
    }
}

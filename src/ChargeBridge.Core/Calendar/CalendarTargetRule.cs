using System.Globalization;
using System.Text.RegularExpressions;
using ChargeBridge.Core.Settings;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Calendar;

/// <summary>
/// The SoC a calendar event needs at its start: the first "NN %" (or "NN%") in the title, else in the description;
/// else the first "NNN km" there; else the max-SoC setting. The result is clamped to [min SoC, practical max].
/// A distance needs min SoC + distance × consumption / capacity: the trip's energy on top of the floor, so the car
/// comes back with at least min SoC, the reserve the floor exists for. Signed numbers ("-5 km") are not read as
/// targets, and only ASCII digits count; odd text therefore falls through to the next rule and never throws.
/// </summary>
public static partial class CalendarTargetRule
{
    public static CalendarTarget For(CalendarEvent e, ChargeSettings settings, Percent practicalMax)
    {
        var (value, source) =
            First(PercentPattern(), e) is { } percent ? (percent, TargetSource.Percent)
            : First(DistancePattern(), e) is { } km ? (NeededFor(km, settings), TargetSource.Distance)
            : (settings.MaxSoc.Value, TargetSource.MaxSocSetting);
        // Max before min, so settings with a practical max below min SoC still give min SoC rather than an exception.
        var clamped = Math.Max(settings.MinSoc.Value, Math.Min(value, practicalMax.Value));
        return new(new Percent(clamped), source, clamped != value);
    }

    private static double NeededFor(double km, ChargeSettings settings) =>
        settings.MinSoc.Value + km * settings.ConsumptionWhPerKm / settings.Capacity.WattHours * 100;

    private static double? First(Regex pattern, CalendarEvent e) => Number(pattern, e.Title) ?? Number(pattern, e.Description);

    private static double? Number(Regex pattern, string text)
    {
        var match = pattern.Match(text);
        if (!match.Success) return null;
        var number = match.Groups["n"].Value.Replace(',', '.');
        return double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? v : null;
    }

    [GeneratedRegex(@"(?<![0-9.,+\-])(?<n>[0-9]{1,3}([.,][0-9]+)?)\s?%", RegexOptions.CultureInvariant)]
    private static partial Regex PercentPattern();

    [GeneratedRegex(@"(?<![0-9.,+\-])(?<n>[0-9]{1,5}([.,][0-9]+)?)\s?km(?![a-z])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DistancePattern();
}

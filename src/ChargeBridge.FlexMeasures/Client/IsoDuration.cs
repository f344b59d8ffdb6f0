using System.Globalization;
using System.Text.RegularExpressions;

namespace ChargeBridge.FlexMeasures.Client;

/// <summary>ISO 8601 durations as FlexMeasures writes and reads them ("PT45M", "PT24H", "P1D", pandas' "P0DT12H0M0S").</summary>
public static partial class IsoDuration
{
    [GeneratedRegex(@"^P(?:(?<d>\d+(?:\.\d+)?)D)?(?:T(?:(?<h>\d+(?:\.\d+)?)H)?(?:(?<m>\d+(?:\.\d+)?)M)?(?:(?<s>\d+(?:\.\d+)?)S)?)?$")]
    private static partial Regex Pattern();

    public static TimeSpan Parse(string text)
    {
        var match = Pattern().Match(text);
        if (!match.Success || text is "P" or "PT")
            throw new FormatException($"'{text}' is not an ISO 8601 duration of days, hours, minutes and seconds.");
        double Part(string name) =>
            match.Groups[name].Success ? double.Parse(match.Groups[name].Value, CultureInfo.InvariantCulture) : 0;
        return TimeSpan.FromDays(Part("d")) + TimeSpan.FromHours(Part("h")) + TimeSpan.FromMinutes(Part("m"))
               + TimeSpan.FromSeconds(Part("s"));
    }

    /// <summary>Hours, minutes and seconds only ("PT27H", "PT5M"), the form FlexMeasures documents.</summary>
    public static string Format(TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(duration), "a duration must be positive");
        var text = "PT";
        var hours = (long)duration.TotalHours;
        if (hours > 0) text += hours.ToString(CultureInfo.InvariantCulture) + "H";
        if (duration.Minutes > 0) text += duration.Minutes.ToString(CultureInfo.InvariantCulture) + "M";
        var seconds = duration.Seconds + duration.Milliseconds / 1000.0;
        if (seconds > 0) text += seconds.ToString("0.###", CultureInfo.InvariantCulture) + "S";
        return text;
    }
}

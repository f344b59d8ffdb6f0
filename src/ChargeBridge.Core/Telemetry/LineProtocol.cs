using System.Globalization;
using System.Text;

namespace ChargeBridge.Core.Telemetry;

/// <summary>
/// <see cref="TelemetrySample"/>s as InfluxDB line protocol with millisecond timestamps (write with
/// <c>precision=ms</c>): one <see cref="SiteMeasurement"/> line (fields <c>grid_w</c>, <c>pv_w</c>, <c>battery_w</c>,
/// <c>house_w</c>, each only when known) and one <see cref="LoadpointMeasurement"/> line per loadpoint, tagged
/// <c>loadpoint=&lt;name&gt;</c> (fields <c>power_w</c>, <c>set_point_w</c>, <c>soc_pct</c>). Escaping follows the line
/// protocol reference: a backslash before commas and spaces in measurements, and before commas, equals signs and
/// spaces in tag keys, tag values and field keys; a line break, which no tag value may hold, becomes a space.
/// </summary>
public static class LineProtocol
{
    public const string SiteMeasurement = "chargebridge_site";
    public const string LoadpointMeasurement = "chargebridge_loadpoint";

    /// <summary>How many lines <paramref name="sample"/> makes at most (the site's and one per loadpoint).</summary>
    public static int LinesOf(TelemetrySample sample) => 1 + sample.Loadpoints.Count;

    /// <summary>Appends the sample's lines, each ending in a line break; a line without a known field is left out, as
    /// the protocol needs one field at least. Returns how many lines were appended.</summary>
    public static int Append(StringBuilder text, TelemetrySample sample)
    {
        var time = sample.At.ToUnixTimeMilliseconds();
        var lines = Line(text, SiteMeasurement, null, [("grid_w", sample.Grid?.Watts), ("pv_w", sample.Pv?.Watts),
            ("battery_w", sample.Battery?.Watts), ("house_w", sample.House?.Watts)], time);
        foreach (var loadpoint in sample.Loadpoints)
            lines += Line(text, LoadpointMeasurement, loadpoint.Name, [("power_w", loadpoint.Power.Watts), ("set_point_w", loadpoint.SetPoint.Watts),
                ("soc_pct", loadpoint.Soc?.Value)], time);
        return lines;
    }

    private static int Line(StringBuilder text, string measurement, string? loadpoint, (string Key, double? Value)[] fields, long time)
    {
        var start = text.Length;
        Escape(text, measurement, ", ");
        if (!string.IsNullOrEmpty(loadpoint))
        {
            text.Append(",loadpoint=");
            Escape(text, loadpoint, ",= ");
        }
        var separator = ' ';
        foreach (var (key, value) in fields)
        {
            // NaN and infinities have no line-protocol form: such a field is left out like an unknown one.
            if (value is not { } number || !double.IsFinite(number)) continue;
            text.Append(separator);
            Escape(text, key, ",= ");
            text.Append('=').Append(number.ToString("R", CultureInfo.InvariantCulture));
            separator = ',';
        }
        if (separator == ' ')
        {
            text.Length = start;
            return 0;
        }
        text.Append(' ').Append(time.ToString(CultureInfo.InvariantCulture)).Append('\n');
        return 1;
    }

    /// <summary>Appends <paramref name="value"/> with a backslash before each of <paramref name="special"/> (which
    /// always holds the space a line break becomes).</summary>
    private static void Escape(StringBuilder text, string value, string special)
    {
        foreach (var c in value)
        {
            var character = c is '\n' or '\r' ? ' ' : c;
            if (special.Contains(character)) text.Append('\\');
            text.Append(character);
        }
    }
}

using System.Globalization;
using System.Text.Json.Nodes;

namespace ChargeBridge.FlexMeasures.Client;

/// <summary>Reads <c>GET /sensors/&lt;id&gt;/data</c> answers: equidistant values where null marks a gap.</summary>
internal static class SensorDataAnswer
{
    public static SensorSeries Read(JsonNode? body, string what)
    {
        try
        {
            var values = body!["values"]!.AsArray().Select(v => v is null ? (double?)null : v.GetValue<double>()).ToList();
            if (values.Count == 0)
                throw new FormatException("no values");
            var duration = IsoDuration.Parse(body["duration"]!.GetValue<string>());
            var resolution = body["resolution"]?.GetValue<string>() is { } r ? IsoDuration.Parse(r) : duration / values.Count;
            if (resolution * values.Count != duration)
                throw new FormatException($"{values.Count} values at {resolution} do not fill {duration}");
            return new SensorSeries(
                DateTimeOffset.Parse(body["start"]!.GetValue<string>(), CultureInfo.InvariantCulture),
                resolution, values, body["unit"]!.GetValue<string>());
        }
        catch (Exception e) when (e is NullReferenceException or InvalidOperationException or FormatException or ArgumentException)
        {
            throw new FlexMeasuresException($"Data of {what} is malformed: {e.Message}", 200);
        }
    }
}

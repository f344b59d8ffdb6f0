using System.Text.Json.Nodes;

namespace ChargeBridge.FlexMeasures.Client;

/// <summary>Reads <c>GET /sensors/&lt;id&gt;/data</c> answers: equidistant values where null marks a gap.</summary>
internal static class SensorDataAnswer
{
    public static SensorSeries Read(JsonNode? body, string what)
    {
        try
        {
            var values = JsonFields.Numbers(body, "values", allowNull: true);
            if (values.Count == 0)
                throw new FormatException("no values");
            var duration = IsoDuration.Parse(JsonFields.Text(body, "duration"));
            var resolution = JsonFields.OptionalText(body, "resolution") is { } r ? IsoDuration.Parse(r) : duration / values.Count;
            if (resolution * values.Count != duration)
                throw new FormatException($"{values.Count} values at {resolution} do not fill {duration}");
            return new SensorSeries(JsonFields.Time(body, "start"), resolution, values, JsonFields.Text(body, "unit"));
        }
        catch (FormatException e)
        {
            throw new FlexMeasuresException($"Data of {what} is malformed: {e.Message}", 200);
        }
    }
}

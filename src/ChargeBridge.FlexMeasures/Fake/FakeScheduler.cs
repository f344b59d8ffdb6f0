using System.Globalization;
using System.Text.Json.Nodes;

namespace ChargeBridge.FlexMeasures.Fake;

/// <summary>
/// The fake server's stand-in for FlexMeasures' StorageScheduler: charge as fast as the capacities allow until
/// the soft ceiling (soc-maxima, else soc-max), so that schedules follow the flex-model (zero during capacity-zero
/// windows) without an optimiser.
/// </summary>
internal static class FakeScheduler
{
    public static double[] Plan(JsonObject model, DateTimeOffset start, TimeSpan duration, TimeSpan resolution)
    {
        var soc = Kilo(model["soc-at-start"]);
        var socMax = Kilo(model["soc-max"]);
        var capacity = Kilo(model["power-capacity"]);
        var efficiency = model["roundtrip-efficiency"] is { } e ? Math.Sqrt(Number(e) / 100) : 1;
        var windows = Windows(model["consumption-capacity"]);
        var ceilings = Windows(model["soc-maxima"]);

        var values = new double[(int)(duration / resolution)];
        for (var i = 0; i < values.Length; i++)
        {
            var slot = start + resolution * i;
            var limit = windows.Where(w => w.Start <= slot && slot < w.End).Select(w => w.Kw).DefaultIfEmpty(capacity).Min();
            var ceiling = ceilings.Where(w => w.Start <= slot && slot < w.End).Select(w => w.Kw).DefaultIfEmpty(socMax).Min();
            var kw = Math.Clamp((ceiling - soc) / efficiency / resolution.TotalHours, 0, Math.Min(capacity, limit));
            soc += kw * resolution.TotalHours * efficiency;
            values[i] = Math.Round(kw / 1000, 9);
        }
        return values;
    }

    private static List<(DateTimeOffset Start, DateTimeOffset End, double Kw)> Windows(JsonNode? series) =>
        (series as JsonArray)?.OfType<JsonObject>()
        .Select(w => (Time(w["start"] ?? w["datetime"]), Time(w["end"] ?? w["datetime"]), Kilo(w["value"])))
        .ToList() ?? [];

    /// <summary>"12.1 kWh" / "7.4 kW" / "0.0074 MW" / a bare number, in kilo-units.</summary>
    private static double Kilo(JsonNode? node)
    {
        if (node is null) return 0;
        var text = node.ToString();
        var number = Number(node);
        return text.Contains('M') ? number * 1000 : text.Contains('k') ? number : text.Contains('W') ? number / 1000 : number;
    }

    private static double Number(JsonNode node) =>
        double.Parse(new string(node.ToString().TakeWhile(c => char.IsDigit(c) || c is '.' or '-').ToArray()), CultureInfo.InvariantCulture);

    private static DateTimeOffset Time(JsonNode? node) => DateTimeOffset.Parse(node!.GetValue<string>(), CultureInfo.InvariantCulture);
}

using System.Text;

namespace ChargeBridge.HassModel.Helpers;

/// <summary>An input_* helper an app needs, as HA's <c>&lt;domain&gt;/create</c> command takes it.</summary>
public sealed record HelperDefinition(string Domain, string Name, IReadOnlyDictionary<string, object?> Fields)
{
    /// <summary>HA derives the object id by slugifying the name.</summary>
    public string EntityId => $"{Domain}.{Slugify(Name)}";

    public static HelperDefinition InputBoolean(string name, bool initial = false, string? icon = null) =>
        new("input_boolean", name, Present(("initial", initial), ("icon", icon)));

    public static HelperDefinition InputNumber(string name, double min, double max, double step, string? unit = null,
        string mode = "slider", double? initial = null, string? icon = null)
    {
        if (!(max > min)) throw new ArgumentException($"input_number '{name}': max ({max}) must be greater than min ({min})");
        if (!(step > 0)) throw new ArgumentException($"input_number '{name}': step must be positive");
        return new("input_number", name, Present(("min", min), ("max", max), ("step", step), ("unit_of_measurement", unit),
            ("mode", mode), ("initial", initial), ("icon", icon)));
    }

    public static HelperDefinition InputSelect(string name, IReadOnlyList<string> options, string? initial = null, string? icon = null)
    {
        if (options.Count == 0) throw new ArgumentException($"input_select '{name}' needs at least one option");
        return new("input_select", name, Present(("options", options), ("initial", initial), ("icon", icon)));
    }

    public static HelperDefinition InputText(string name, int min = 0, int max = 255, string? initial = null, string? icon = null) =>
        new("input_text", name, Present(("min", min), ("max", max), ("initial", initial), ("icon", icon)));

    public static HelperDefinition InputDatetime(string name, bool hasDate, bool hasTime, string? icon = null) =>
        new("input_datetime", name, Present(("has_date", hasDate), ("has_time", hasTime), ("icon", icon)));

    private static IReadOnlyDictionary<string, object?> Present(params (string Key, object? Value)[] fields) =>
        fields.Where(f => f.Value is not null).ToDictionary(f => f.Key, f => f.Value);

    /// <summary>HA's slugify: lower case, accents dropped, every run of other characters one underscore.</summary>
    public static string Slugify(string text)
    {
        var builder = new StringBuilder();
        foreach (var raw in text)
        {
            var c = char.ToLowerInvariant(raw);
            var folded = c < 128 ? c.ToString() : AccentFolding.GetValueOrDefault(c, "");
            foreach (var f in folded.Length > 0 ? folded : "_")
            {
                if (char.IsAsciiLetterOrDigit(f)) builder.Append(f);
                else if (builder.Length > 0 && builder[^1] != '_') builder.Append('_');
            }
        }
        return builder.ToString().Trim('_');
    }

    // The host runs with invariant globalization (no ICU on small devices), so Unicode decomposition is not at hand:
    // the Latin letters of European names are folded by table.
    private static readonly Dictionary<char, string> AccentFolding = BuildFolding(
        ("a", "àáâãäåāăą"), ("ae", "æ"), ("c", "çćĉċč"), ("d", "ďđð"), ("e", "èéêëēĕėęě"), ("g", "ĝğġģ"), ("h", "ĥħ"),
        ("i", "ìíîïĩīĭįı"), ("j", "ĵ"), ("k", "ķ"), ("l", "ĺļľŀł"), ("n", "ñńņňŉ"), ("o", "òóôõöøōŏő"), ("oe", "œ"),
        ("r", "ŕŗř"), ("s", "śŝşš"), ("ss", "ß"), ("t", "ţťŧ"), ("th", "þ"), ("u", "ùúûüũūŭůűų"), ("w", "ŵ"),
        ("y", "ýÿŷ"), ("z", "źżž"));

    private static Dictionary<char, string> BuildFolding(params (string Plain, string Accented)[] groups) =>
        groups.SelectMany(g => g.Accented.Select(c => (c, g.Plain))).ToDictionary(p => p.c, p => p.Plain);
}

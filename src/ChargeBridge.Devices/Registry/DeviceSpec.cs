using System.Globalization;
using ChargeBridge.HassModel.Runtime;

namespace ChargeBridge.Devices.Registry;

/// <summary>
/// One device as configuration describes it: its <see cref="Type"/> (<c>quasar</c>, <c>shelly-gen1</c> …) and its
/// other keys as text, read the same from YAML, JSON, the environment or add-on options. Keys are case-insensitive.
/// Reading a key that is missing or of the wrong form records a <see cref="ConfigProblem"/> instead of throwing, so
/// a device type can report every bad key at once.
/// </summary>
public sealed class DeviceSpec
{
    private readonly Dictionary<string, string> _settings;
    private readonly List<ConfigProblem> _problems = [];
    private readonly HashSet<string> _read = new(StringComparer.OrdinalIgnoreCase);

    public DeviceSpec(string type, IEnumerable<KeyValuePair<string, string>> settings)
    {
        Type = type.Trim().ToLowerInvariant();
        _settings = new(settings.Where(s => !string.Equals(s.Key, "Type", StringComparison.OrdinalIgnoreCase)), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>A spec from a configuration section bound to a dictionary: its <c>Type</c> key names the type.</summary>
    public static DeviceSpec From(IReadOnlyDictionary<string, string> section)
    {
        var type = section.FirstOrDefault(s => string.Equals(s.Key, "Type", StringComparison.OrdinalIgnoreCase)).Value ?? "";
        return new DeviceSpec(type, section);
    }

    public string Type { get; }

    /// <summary>The problems the reads so far found.</summary>
    public IReadOnlyList<ConfigProblem> Problems => _problems;

    public IReadOnlyDictionary<string, string> Settings => _settings;

    /// <summary>The text of <paramref name="key"/>, or <paramref name="fallback"/> when it is missing or empty.</summary>
    public string? Text(string key, string? fallback = null)
    {
        _read.Add(key);
        return _settings.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : fallback;
    }

    /// <summary>Records a problem for every key no read asked for (a misspelt key would otherwise be ignored in silence).</summary>
    public void RefuseUnread()
    {
        var known = string.Join(", ", _read.Order(StringComparer.OrdinalIgnoreCase));
        foreach (var key in _settings.Keys.Where(k => !_read.Contains(k)).Order(StringComparer.OrdinalIgnoreCase))
            _problems.Add(new ConfigProblem(key, $"is not a key of the {Type} type: it reads {known}."));
    }

    /// <summary>The text of a key the device cannot do without; records <paramref name="fix"/> when it is missing.</summary>
    public string Required(string key, string fix)
    {
        if (Text(key) is { } text) return text;
        _problems.Add(new ConfigProblem(key, "is empty: " + fix));
        return "";
    }

    public int Int(string key, int fallback, int min, int max) =>
        (int)Number(key, fallback, min, max, s => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null);

    public double Double(string key, double fallback, double min, double max) =>
        Number(key, fallback, min, max, s => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null);

    public bool Bool(string key, bool fallback)
    {
        if (Text(key) is not { } text) return fallback;
        if (bool.TryParse(text, out var value)) return value;
        _problems.Add(new ConfigProblem(key, $"must be true or false, not '{text}'."));
        return fallback;
    }

    /// <summary>One of <paramref name="allowed"/> (compared without case), or the fallback with a problem recorded.</summary>
    public string Choice(string key, string fallback, params string[] allowed)
    {
        if (Text(key) is not { } text) return fallback;
        if (allowed.FirstOrDefault(a => string.Equals(a, text, StringComparison.OrdinalIgnoreCase)) is { } match) return match;
        _problems.Add(new ConfigProblem(key, $"must be one of {string.Join(", ", allowed)}, not '{text}'."));
        return fallback;
    }

    /// <summary>Records a problem a device type found by its own rules.</summary>
    public void Problem(string key, string fix) => _problems.Add(new ConfigProblem(key, fix));

    private double Number(string key, double fallback, double min, double max, Func<string, double?> parse)
    {
        if (Text(key) is not { } text) return fallback;
        if (parse(text) is { } value && value >= min && value <= max) return value;
        _problems.Add(new ConfigProblem(key, string.Create(CultureInfo.InvariantCulture, $"must be a number from {min} to {max}, not '{text}'.")));
        return fallback;
    }

    public override string ToString() => Type;
}

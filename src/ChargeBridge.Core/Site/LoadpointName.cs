using System.Text.RegularExpressions;

namespace ChargeBridge.Core.Site;

/// <summary>
/// A loadpoint's name as it appears in its entity ids and files (<c>garage</c>, <c>driveway</c>): lower-case letters,
/// digits and underscores, starting with a letter. The unnamed loadpoint is a site's only one, whose ids and files keep
/// the names they had before sites had several.
/// </summary>
public readonly partial record struct LoadpointName
{
    private readonly string? _value;

    private LoadpointName(string value) => _value = value;

    /// <summary>The site's only loadpoint; also what <c>default</c> is.</summary>
    public static readonly LoadpointName Unnamed = default;

    public string Value => _value ?? "";

    public bool IsUnnamed => Value.Length == 0;

    /// <summary>What entity ids put after <c>chargebridge_</c>: <c>chargebridge_garage_</c>, or <c>chargebridge_</c>.</summary>
    public string EntityPrefix => IsUnnamed ? "chargebridge_" : $"chargebridge_{Value}_";

    /// <summary>The name, or why <paramref name="text"/> cannot be one.</summary>
    public static LoadpointName? Parse(string? text, out string? problem)
    {
        problem = null;
        if (string.IsNullOrWhiteSpace(text)) return Unnamed;
        var value = text.Trim();
        if (Valid().IsMatch(value)) return new LoadpointName(value);
        problem = $"'{text}' is not a loadpoint name: use lower-case letters, digits and underscores, starting with a letter (garage, driveway).";
        return null;
    }

    public override string ToString() => IsUnnamed ? "(unnamed)" : Value;

    [GeneratedRegex("^[a-z][a-z0-9_]{0,31}$")]
    private static partial Regex Valid();
}

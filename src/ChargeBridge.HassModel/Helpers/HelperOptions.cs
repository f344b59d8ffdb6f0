namespace ChargeBridge.HassModel.Helpers;

/// <summary>The options an app's input_select should have once it exists in HA with options of its own.</summary>
public static class HelperOptions
{
    /// <summary>
    /// The options to set on a select that shows <paramref name="shown"/>, or null when it has every one of
    /// <paramref name="wanted"/> already. Ours come first in our order; those the user added stay after them, in theirs,
    /// as an automation of theirs may select them.
    /// </summary>
    public static IReadOnlyList<string>? Merge(IReadOnlyList<string> wanted, IEnumerable<string?> shown)
    {
        var existing = shown.OfType<string>().Distinct().ToList();
        if (wanted.All(existing.Contains)) return null;
        return [.. wanted, .. existing.Where(option => !wanted.Contains(option))];
    }
}

namespace ChargeBridge.HassModel.Runtime;

/// <summary>One missing or invalid setting: the key as the user writes it, and what is wrong and what to put there,
/// worded to follow the key ("is empty: put …").</summary>
public sealed record ConfigProblem(string Key, string Fix)
{
    /// <summary>The same problem with its key under <paramref name="section"/> (config classes name their own keys).</summary>
    public ConfigProblem Under(string section) => this with { Key = section + ":" + Key };

    public override string ToString() => $"{Key} {Fix}";
}

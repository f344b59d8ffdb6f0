namespace ChargeBridge.Host.Checks;

/// <summary>One line of the `check` checklist: what was checked, what was found, and for a failure what to do.</summary>
internal sealed record CheckItem(bool Passed, string Finding, string? Fix = null)
{
    public static CheckItem Pass(string finding) => new(true, finding);
    public static CheckItem Fail(string finding, string fix) => new(false, finding, fix);

    public override string ToString() => Passed ? $"✓ {Finding}" : $"✗ {Finding}{Environment.NewLine}    fix: {Fix}";
}

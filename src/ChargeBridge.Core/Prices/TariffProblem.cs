namespace ChargeBridge.Core.Prices;

/// <summary>Why a tariff as configured cannot be used: the key (relative to the tariff) and what to put there.</summary>
public sealed record TariffProblem(string Key, string Fix)
{
    public override string ToString() => $"{Key} {Fix}";
}

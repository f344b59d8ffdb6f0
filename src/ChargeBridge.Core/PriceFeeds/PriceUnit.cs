namespace ChargeBridge.Core.PriceFeeds;

/// <summary>
/// Turns the unit a price entity states ("EUR/kWh", "EUR/MWh", "c/kWh", "p/kWh", "€/kWh", "SEK/kWh") into the
/// factor that converts its numbers to currency per kWh. Minor units (cent, öre, pence) are 1/100 of the major one.
/// </summary>
public static class PriceUnit
{
    private static readonly string[] MinorUnits = ["c", "ct", "cent", "cents", "p", "pence", "öre", "ore", "øre"];

    /// <summary>The factor, or null when the unit is not a price per energy this reader understands.</summary>
    public static double? ToPerKwhFactor(string unit)
    {
        var parts = unit.Replace(" ", "", StringComparison.Ordinal).Split('/');
        if (parts.Length != 2) return null;
        var energy = parts[1].ToLowerInvariant() switch
        {
            "kwh" => 1.0,
            "mwh" => 1.0 / 1000,
            "wh" => 1000.0,
            _ => (double?)null,
        };
        if (energy is null || parts[0].Length == 0) return null;
        var money = MinorUnits.Contains(parts[0].ToLowerInvariant()) ? 0.01 : 1.0;
        return money * energy;
    }
}

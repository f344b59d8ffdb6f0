namespace ChargeBridge.Core.Prices;

/// <summary>How the price a household pays is set.</summary>
public enum ImportKind
{
    /// <summary>Day-ahead market prices with markup and VAT (<see cref="Tariff"/>).</summary>
    DayAhead,
    /// <summary>Fixed windows of the day with a price each (<see cref="TimeOfUseTariff"/>), for households without day-ahead prices.</summary>
    TimeOfUse,
}

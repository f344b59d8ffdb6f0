using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Prices;

/// <summary>The sell price of each slot the import prices cover, by <see cref="ExportKind"/>.</summary>
public sealed record ExportTariff(ExportKind Kind, EnergyPrice FixedPrice = default)
{
    public static readonly ExportTariff NetMetering = new(ExportKind.Net);

    /// <param name="import">The household's import prices; the sell prices cover the same slots.</param>
    /// <param name="market">The bare market prices (<see cref="ExportKind.Market"/>); null with a time-of-use import.</param>
    /// <param name="entity">The export entity's prices (<see cref="ExportKind.Entity"/>); null when none could be read.</param>
    public TimeSeries<EnergyPrice> SellPrices(TimeSeries<EnergyPrice> import, TimeSeries<EnergyPrice>? market, TimeSeries<EnergyPrice>? entity) => Kind switch
    {
        ExportKind.Net => import,
        ExportKind.Market => market ?? throw new ArgumentNullException(nameof(market), "a market export price needs day-ahead import prices"),
        ExportKind.Fixed => import.Map(_ => FixedPrice),
        // Export prices not read earn nothing in the plan: a planner that took the import price instead would sell
        // on what may be far more than Outgoing pays.
        _ => entity ?? import.Map(_ => new EnergyPrice(0)),
    };
}

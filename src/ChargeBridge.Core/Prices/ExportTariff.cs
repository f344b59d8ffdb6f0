using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Prices;

/// <summary>The sell price of each slot the import prices cover, by <see cref="ExportKind"/>.</summary>
public sealed record ExportTariff(ExportKind Kind, EnergyPrice FixedPrice = default)
{
    /// <param name="import">The household's import prices; the sell prices cover the same slots.</param>
    /// <param name="market">The bare market prices (<see cref="ExportKind.Market"/>); null with a time-of-use import.</param>
    /// <param name="entity">The export entity's prices (<see cref="ExportKind.Entity"/>); null when none could be read.</param>
    public TimeSeries<EnergyPrice> SellPrices(TimeSeries<EnergyPrice> import, TimeSeries<EnergyPrice>? market, TimeSeries<EnergyPrice>? entity) => Kind switch
    {
        ExportKind.Net => import,
        ExportKind.Market => market ?? throw new ArgumentNullException(nameof(market), "a market export price needs day-ahead import prices"),
        ExportKind.Fixed => import.Map(_ => FixedPrice),
        _ => EntityPrices(import, entity),
    };

    /// <summary>The export entity's prices over the import slots, at the finer of the two resolutions. A slot the
    /// entity does not price earns nothing in the plan: a planner that took the import price instead would sell on
    /// what may be far more than the export tariff pays.</summary>
    private static TimeSeries<EnergyPrice> EntityPrices(TimeSeries<EnergyPrice> import, TimeSeries<EnergyPrice>? entity)
    {
        var resolution = entity is null || entity.Resolution >= import.Resolution ? import.Resolution : entity.Resolution;
        var perImportSlot = (int)(import.Resolution / resolution);
        return new(import.Points
            .SelectMany(p => Enumerable.Range(0, perImportSlot).Select(i => p.Start + resolution * i))
            .Select(t => new TimePoint<EnergyPrice>(t, entity?.ValueAt(t) ?? new EnergyPrice(0))), resolution);
    }
}

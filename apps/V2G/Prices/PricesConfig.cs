using ChargeBridge.Core.Prices;
using ChargeBridge.Core.Units;
using ChargeBridge.HassModel;
using ChargeBridge.HassModel.Runtime;

namespace ChargeBridge.Apps.V2G.Prices;

/// <summary>The price integrations the app reads (their shapes are described in Core/PriceFeeds).</summary>
public enum PriceSourceKind
{
    /// <summary>A sensor with attribute <c>prices</c>: a list of {time, value}.</summary>
    Sensor,
    /// <summary>Nord Pool (custom-components/nordpool): <c>raw_today</c> / <c>raw_tomorrow</c>.</summary>
    NordPool,
    /// <summary>ENTSO-E (JaccoR/hass-entso-e): <c>prices</c> as {time, price}.</summary>
    Entsoe,
    /// <summary>Tibber price lists <c>today</c> / <c>tomorrow</c> ({startsAt, total}).</summary>
    Tibber,
    /// <summary>Octopus Energy rate lists (<c>rates</c> of the current/next-day rates entities).</summary>
    Octopus,
    /// <summary>A FlexMeasures price sensor, read through the FlexMeasures section's account.</summary>
    FlexMeasures,
}

/// <summary>
/// The household's tariff (section <c>Prices</c> of V2GConfig): what importing costs (day-ahead prices from
/// <see cref="Source"/> with markup and VAT, or fixed time-of-use windows) and what exporting earns.
/// </summary>
public sealed class PricesConfig
{
    /// <summary>DayAhead: the prices of <see cref="Source"/>; TimeOfUse: those of <see cref="TimeOfUse"/>, no price entity needed.</summary>
    public ImportKind Import { get; set; } = ImportKind.DayAhead;
    /// <summary>The windows and default price (Import TimeOfUse).</summary>
    public TimeOfUseConfig TimeOfUse { get; set; } = new();
    public PriceSourceKind Source { get; set; } = PriceSourceKind.Sensor;
    /// <summary>The HA entity of the integration (all sources but FlexMeasures).</summary>
    public string Entity { get; set; } = "sensor.chargebridge_prices";
    /// <summary>Further rate entities whose lists are read with <see cref="Entity"/>'s (Octopus: the next-day rates entity).</summary>
    public List<string> MoreEntities { get; set; } = [];
    /// <summary>The FlexMeasures sensor id of the price (Source FlexMeasures).</summary>
    public int? SensorId { get; set; }
    /// <summary>The unit of Octopus rate lists: GBP/kWh, or p/kWh for older versions of the integration.</summary>
    public string OctopusUnit { get; set; } = "GBP/kWh";
    /// <summary>Tibber: read the spot part (<c>energy</c>) instead of the total with Tibber's taxes, for households that
    /// set their own markup and VAT.</summary>
    public bool TibberEnergyOnly { get; set; }

    /// <summary>What exporting earns: Net (the import price), Market (the bare day-ahead price), Fixed (<see cref="ExportPrice"/>)
    /// or Entity (the prices of <see cref="ExportEntity"/>).</summary>
    public ExportKind Export { get; set; } = ExportKind.Net;
    /// <summary>The feed-in price, EUR/kWh (Export Fixed).</summary>
    public double? ExportPrice { get; set; }
    /// <summary>The integration of <see cref="ExportEntity"/> (Export Entity): read as <see cref="Source"/> reads <see cref="Entity"/>.</summary>
    public PriceSourceKind ExportSource { get; set; } = PriceSourceKind.Sensor;
    /// <summary>The export rate entity (Export Entity), such as Octopus Outgoing Agile's current-day rates.</summary>
    public string ExportEntity { get; set; } = "";
    /// <summary>Further export rate entities read with <see cref="ExportEntity"/>'s (Octopus: the next-day export rates).</summary>
    public List<string> ExportMoreEntities { get; set; } = [];

    /// <summary>What exporting earns as a tariff (<see cref="ExportEntity"/>'s prices are read apart).</summary>
    public ExportTariff ExportTariff => new(Export, new EnergyPrice(ExportPrice ?? 0));

    /// <summary>The HA entities the prices are read from (keys relative to this section): none for FlexMeasures or
    /// time-of-use import, the export entities only when exporting is priced by them.</summary>
    public IEnumerable<(string Key, string EntityId)> EntitiesRead()
    {
        var import = Import == ImportKind.DayAhead && Source != PriceSourceKind.FlexMeasures
            ? MoreEntities.Select(e => (nameof(MoreEntities), e)).Prepend((nameof(Entity), Entity)) : [];
        var export = Export == ExportKind.Entity
            ? ExportMoreEntities.Select(e => (nameof(ExportMoreEntities), e)).Prepend((nameof(ExportEntity), ExportEntity)) : [];
        return import.Concat(export);
    }

    /// <summary>Every problem with this section (keys relative to it).</summary>
    public IEnumerable<ConfigProblem> Validate(bool flexMeasuresConfigured)
    {
        if (Import == ImportKind.TimeOfUse)
        {
            TimeOfUse.Tariff(out var problems);
            foreach (var problem in problems) yield return problem.Under(nameof(TimeOfUse));
        }
        else if (Source == PriceSourceKind.FlexMeasures)
        {
            if (SensorId is not > 0)
                yield return new(nameof(SensorId), "is not set: put the FlexMeasures price sensor's id here (Source is FlexMeasures).");
            if (!flexMeasuresConfigured)
                yield return new(nameof(Source), "is FlexMeasures but there is no V2GConfig:FlexMeasures section with the account: add it or choose an HA price integration.");
        }
        else if (!EntityIds.Valid(Entity))
            yield return new(nameof(Entity), $"'{Entity}' is not an entity id: put the price entity of the {Source} integration here (like sensor.nordpool_kwh_nl_eur), or set Import to TimeOfUse for fixed windows.");
        foreach (var bad in MoreEntities.Where(e => !EntityIds.Valid(e)))
            yield return new(nameof(MoreEntities), $"holds '{bad}', which is not an entity id.");
        foreach (var problem in ValidateExport()) yield return problem;
    }

    private IEnumerable<ConfigProblem> ValidateExport()
    {
        switch (Export)
        {
            case ExportKind.Market when Import == ImportKind.TimeOfUse:
                yield return new(nameof(Export), "is Market, but a time-of-use import has no market price: choose Net, Fixed or Entity.");
                break;
            case ExportKind.Fixed when ExportPrice is not { } price || !double.IsFinite(price):
                yield return new(nameof(ExportPrice), "is not set: put the feed-in price here, in EUR/kWh (Export is Fixed).");
                break;
            case ExportKind.Entity when ExportSource == PriceSourceKind.FlexMeasures:
                yield return new(nameof(ExportSource), "is FlexMeasures, but export prices are read from an HA entity: choose its integration (Octopus for Outgoing Agile).");
                break;
            case ExportKind.Entity when !EntityIds.Valid(ExportEntity):
                yield return new(nameof(ExportEntity), $"'{ExportEntity}' is not an entity id: put the export rate entity here (Export is Entity), like Octopus' current-day rates entity of the export meter.");
                break;
        }
        foreach (var bad in ExportMoreEntities.Where(e => !EntityIds.Valid(e)))
            yield return new(nameof(ExportMoreEntities), $"holds '{bad}', which is not an entity id.");
    }
}

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

/// <summary>Where the prices come from (section <c>Prices</c> of V2GConfig).</summary>
public sealed class PricesConfig
{
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

    /// <summary>Every problem with this section (keys relative to it).</summary>
    public IEnumerable<ConfigProblem> Validate(bool flexMeasuresConfigured)
    {
        if (Source == PriceSourceKind.FlexMeasures)
        {
            if (SensorId is not > 0)
                yield return new(nameof(SensorId), "is not set: put the FlexMeasures price sensor's id here (Source is FlexMeasures).");
            if (!flexMeasuresConfigured)
                yield return new(nameof(Source), "is FlexMeasures but there is no V2GConfig:FlexMeasures section with the account: add it or choose an HA price integration.");
        }
        else if (!EntityIds.Valid(Entity))
            yield return new(nameof(Entity), $"'{Entity}' is not an entity id: put the price entity of the {Source} integration here (like sensor.nordpool_kwh_nl_eur).");
        foreach (var bad in MoreEntities.Where(e => !EntityIds.Valid(e)))
            yield return new(nameof(MoreEntities), $"holds '{bad}', which is not an entity id.");
    }
}

using ChargeBridge.Core.Prices;
using ChargeBridge.Core.PriceFeeds;
using ChargeBridge.FlexMeasures.Client;
using ChargeBridge.HassModel;
using Microsoft.Extensions.Logging;

namespace ChargeBridge.Apps.V2G.Prices;

/// <summary>The household's tariff as a price source: import prices (day-ahead with markup and VAT, or time-of-use
/// windows) with what exporting earns.</summary>
internal static class PriceSources
{
    /// <param name="config">A section without a problem from <see cref="PricesConfig.Validate"/>.</param>
    /// <param name="flexMeasures">The FlexMeasures client when the FlexMeasures section is configured.</param>
    /// <param name="zone">The household's time zone, which time-of-use windows are in.</param>
    public static IPriceSource Create(PricesConfig config, IHaContext ha, FlexMeasuresClient? flexMeasures, TimeZoneInfo zone, ILogger logger,
        IControlEntities? controls = null)
    {
        var export = new ExportPrices(config.ExportTariff,
            config.Export == ExportKind.Entity ? Ha(config.ExportSource, config.ExportEntity, config.ExportMoreEntities) : null, logger);
        if (config.Import == ImportKind.TimeOfUse)
            return new TimeOfUsePriceSource(config.TimeOfUse.Tariff(out _)!, zone, export);
        var market = config.Source == PriceSourceKind.FlexMeasures
            ? new FlexMeasuresPriceSource(flexMeasures!, config.SensorId!.Value, logger)
            : Ha(config.Source, config.Entity, config.MoreEntities);
        return new NetPriceSource(market, controls ?? new HelperControls(ha), export);

        IPriceSource Ha(PriceSourceKind source, string entity, IReadOnlyList<string> more) => new HaPriceFeedSource(ha, entity, more, source switch
        {
            PriceSourceKind.NordPool => NordPoolPrices.Read,
            PriceSourceKind.Entsoe => EntsoePrices.Read,
            PriceSourceKind.Tibber => a => TibberPrices.Read(a, config.TibberEnergyOnly),
            PriceSourceKind.Octopus => a => OctopusPrices.Read(a, config.OctopusUnit),
            _ => TimeValuePrices.Read,
        });
    }
}

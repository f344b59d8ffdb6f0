using ChargeBridge.Core.PriceFeeds;
using ChargeBridge.FlexMeasures.Client;
using ChargeBridge.HassModel;
using Microsoft.Extensions.Logging;

namespace ChargeBridge.Apps.V2G.Prices;

/// <summary>The configured price source, with the household's markup and VAT applied.</summary>
internal static class PriceSources
{
    /// <param name="config">A section without a problem from <see cref="PricesConfig.Validate"/>.</param>
    /// <param name="flexMeasures">The FlexMeasures client when the FlexMeasures section is configured.</param>
    public static IPriceSource Create(PricesConfig config, IHaContext ha, FlexMeasuresClient? flexMeasures, ILogger logger)
    {
        IPriceSource market = config.Source switch
        {
            PriceSourceKind.FlexMeasures => new FlexMeasuresPriceSource(flexMeasures!, config.SensorId!.Value, logger),
            PriceSourceKind.NordPool => Ha(NordPoolPrices.Read),
            PriceSourceKind.Entsoe => Ha(EntsoePrices.Read),
            PriceSourceKind.Tibber => Ha(a => TibberPrices.Read(a, config.TibberEnergyOnly)),
            PriceSourceKind.Octopus => Ha(a => OctopusPrices.Read(a, config.OctopusUnit)),
            _ => Ha(TimeValuePrices.Read),
        };
        return new NetPriceSource(market, ha);

        HaPriceFeedSource Ha(Func<IReadOnlyDictionary<string, System.Text.Json.JsonElement>, PriceFeedReading> reader) =>
            new(ha, config.Entity, config.MoreEntities, reader);
    }
}

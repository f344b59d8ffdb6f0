using System.Globalization;
using ChargeBridge.Core.Planning;
using Microsoft.Extensions.Logging;

namespace ChargeBridge.Apps.V2G.Prices;

/// <summary>
/// Tells once per change what a new plan made of holes in the prices: the short gaps it bridged at the dearest price
/// around them, and where the prices end before a target so that the rest is planned for the trips alone. Re-plans on
/// the same prices say the same, so only a change is logged.
/// </summary>
internal sealed class PriceGapLog(ILogger logger)
{
    private IReadOnlyList<PriceGap> _gaps = [];
    private DateTimeOffset? _unpricedFrom;

    public void Observe(Schedule schedule)
    {
        if (!schedule.PriceGapsBridged.SequenceEqual(_gaps))
        {
            if (schedule.PriceGapsBridged.Count > 0)
                logger.LogWarning("Gaps in the prices bridged at the highest price around them: {Gaps}",
                    string.Join(", ", schedule.PriceGapsBridged.Select(g => $"{Time(g.Start)}–{Time(g.End)}")));
            _gaps = schedule.PriceGapsBridged;
        }
        // Without any price the plan is unpriced from its start, which moves with every re-plan: KnownPrices tells that case.
        var unpricedFrom = schedule.UnpricedFrom is { } u && u > schedule.Slots[0].Start ? u : (DateTimeOffset?)null;
        if (unpricedFrom != _unpricedFrom)
        {
            if (unpricedFrom is { } from)
                logger.LogWarning("No prices from {UnpricedFrom} on: planning the targets after it alone, no discharging, charging as late as safely possible until prices come",
                    Time(from));
            _unpricedFrom = unpricedFrom;
        }
    }

    private static string Time(DateTimeOffset at) => at.ToString("u", CultureInfo.InvariantCulture);
}

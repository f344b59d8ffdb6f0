using ChargeBridge.Core.Prices;
using ChargeBridge.Core.Settings;
using ChargeBridge.Core.Site;
using ChargeBridge.Core.Statistics;
using ChargeBridge.Core.Units;
using Microsoft.Extensions.Logging;

namespace ChargeBridge.Apps.V2G.Statistics;

/// <summary>A loadpoint's <see cref="ChargingStatistics"/> kept in its data folder: loaded at start, saved whenever an
/// observation changed them, each ended session logged with its savings against naive charging (or why it was not
/// compared). A save that fails keeps the totals in memory for the next one.</summary>
internal sealed class StoredStatistics(StatisticsStore store, TimeZoneInfo zone, ILogger logger)
{
    private readonly ChargingStatistics _statistics = new(store.Load(), zone);

    /// <summary>One observation; <paramref name="site"/> is the site's latest balance (null without meters), which splits
    /// the energy by source (see <see cref="ChargingStatistics.Record"/>).</summary>
    public void Record(DateTimeOffset now, Power actual, bool connected, Percent? soc, TimeSeries<EnergyPrice>? netPrices, ChargeSettings settings,
        SiteBalance? site = null, TimeSeries<EnergyPrice>? sellPrices = null)
    {
        var update = _statistics.Record(now, actual, connected, soc, netPrices, settings, site, sellPrices);
        if (update is { SessionStart: { } start, Savings: { } saved })
            logger.LogInformation("Session from {Start:O}: net cost {Actual:0.00} EUR, naive {Naive:0.00} EUR, saved {Saved:0.00} EUR",
                start, saved.ActualNetCostEur, saved.NaiveCostEur, saved.SavingsEur);
        else if (update is { SessionStart: { } notCompared, NotCompared: { } reason })
            logger.LogWarning("Session from {Start:O} not compared with naive charging: {Reason}", notCompared, reason);
        if (update.Changed) Save();
    }

    public StatisticsView View(DateTimeOffset now) => _statistics.View(now);

    /// <summary>Last month's summary when one is due (see <see cref="ChargingStatistics.TakeMonthlySummary"/>); the month
    /// is saved as summarised at once, so a restart does not send it again.</summary>
    public MonthlySummary? TakeMonthlySummary(DateTimeOffset now, EnergyPrice wearPerKwh, double equipmentCostEur)
    {
        var before = _statistics.SummarisedMonth;
        var summary = _statistics.TakeMonthlySummary(now, wearPerKwh, equipmentCostEur);
        if (_statistics.SummarisedMonth != before) Save();
        return summary;
    }

    /// <summary>The sessions ended lately, which the learned departures learn from.</summary>
    public IReadOnlyList<PastSession> Sessions => _statistics.Sessions;

    private void Save()
    {
        try
        {
            store.Save(_statistics.State);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The totals stay in memory and go out with the next save; a full disk must not stop charging.
            logger.LogWarning("Statistics not saved to {File}: {Reason}", store.Path, e.Message);
        }
    }
}

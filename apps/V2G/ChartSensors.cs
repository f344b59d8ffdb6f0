using System.Globalization;
using ChargeBridge.Core.Calendar;
using ChargeBridge.Core.Planning;
using ChargeBridge.Core.PriceFeeds;
using ChargeBridge.Core.Prices;
using ChargeBridge.Core.Settings;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Apps.V2G;

/// <summary>
/// The chart series as sensor attributes (apexcharts-card reads them with a data generator): net prices, the SoC
/// prognosis of the schedule and the calendar events ahead. Published every step; the publisher skips unchanged ones.
/// </summary>
internal static class ChartSensors
{
    /// <summary>How far back the price series reaches, so the chart shows the prices paid so far today.</summary>
    public static readonly TimeSpan PriceHistory = TimeSpan.FromHours(12);

    public static async Task PublishAsync(ISensorPublisher publisher, V2GEntities entities, DateTimeOffset now, TimeSeries<EnergyPrice>? netPrices, Schedule? schedule,
        IReadOnlyList<CalendarEvent> events, ChargeSettings settings, Percent practicalMax, CancellationToken ct)
    {
        await publisher.PublishAsync(V2GEntities.NetPrice, Number(netPrices?.ValueAt(now)?.EurPerKwh, "0.#####"), new
        {
            unit_of_measurement = "EUR/kWh", state_class = "measurement", friendly_name = "Net price",
            prices = netPrices is null ? [] : ChartSeries.From(netPrices, p => p.EurPerKwh, now - PriceHistory),
        }, ct);
        var slot = schedule?.Slots.FirstOrDefault(s => s.Start <= now && now < s.End);
        await publisher.PublishAsync(entities.SocPrognosis, Number(slot?.SocAtEnd.Value, "0.#"), new
        {
            unit_of_measurement = "%", device_class = "battery", friendly_name = entities.Label("SoC prognosis"), prognosis = Prognosis(schedule),
        }, ct);
        var ahead = events.Where(e => e.End > now).OrderBy(e => e.Start).ToList();
        await publisher.PublishAsync(entities.CalendarEvents, ahead.Count.ToString(CultureInfo.InvariantCulture), new
        {
            friendly_name = entities.Label("Calendar events"),
            events = ahead.Select(e => new
            {
                start = e.Start, end = e.End, summary = e.Title, soc = CalendarTargetRule.For(e, settings, practicalMax).Soc.Value,
            }),
        }, ct);
    }

    /// <summary>The schedule's SoC path as {time, value %}, keeping only the points where its slope changes: a straight
    /// stretch needs its ends only, which keeps a 27-hour plan well under HA's 16 KB attribute limit.</summary>
    public static IReadOnlyList<ChartPoint> Prognosis(Schedule? schedule)
    {
        if (schedule is null || schedule.Slots.Count == 0) return [];
        var path = schedule.Slots.Select(s => new ChartPoint(s.Start, Math.Round(s.SocAtStart.Value, 1)))
            .Append(new ChartPoint(schedule.Slots[^1].End, Math.Round(schedule.Slots[^1].SocAtEnd.Value, 1))).ToList();
        return path.Where((p, i) => i == 0 || i == path.Count - 1 ||
            Math.Abs(p.Value!.Value - path[i - 1].Value!.Value - (path[i + 1].Value!.Value - p.Value.Value)) > 0.05).ToList();
    }

    private static string Number(double? value, string format) => value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "unknown";
}

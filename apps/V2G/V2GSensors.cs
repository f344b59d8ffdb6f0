using System.Globalization;
using ChargeBridge.Core.Calendar;
using ChargeBridge.Core.Chargers;
using ChargeBridge.Core.Control;
using ChargeBridge.Core.Planning;
using ChargeBridge.Core.PriceFeeds;
using ChargeBridge.Core.Prices;

namespace ChargeBridge.Apps.V2G;

/// <summary>Which prices the plan stands on and why the source gave none, for the planned-power sensor.</summary>
internal sealed record PricesShown(PriceBasis Basis, string? Problem);

/// <summary>The published sensors' states and attributes (device_class, unit, state_class as HA's history and energy views need).</summary>
internal static class V2GSensors
{
    public static async Task PublishAsync(ISensorPublisher publisher, V2GEntities entities, ChargerStatus status, ControlDecision decision, ScheduleSlot? slot,
        Schedule? schedule, CalendarPlan calendar, IReadOnlyList<ChartPoint> socHistory, PricesShown prices, CancellationToken ct)
    {
        await publisher.PublishAsync(entities.ChargerState, status.State.ToString(), new
        {
            device_class = "enum",
            options = Enum.GetNames<ChargerState>(),
            friendly_name = entities.Label("Charger state"),
            fault_reason = status.FaultReason,
        }, ct);
        await publisher.PublishAsync(entities.Soc, Number(status.StateOfCharge?.Value), new
        {
            device_class = "battery", unit_of_measurement = "%", state_class = "measurement", friendly_name = entities.Label("Car SoC"),
            history = socHistory,
        }, ct);
        await publisher.PublishAsync(entities.ActualPower, Number(status.ActualPower.Watts), new
        {
            device_class = "power", unit_of_measurement = "W", state_class = "measurement", friendly_name = entities.Label("Charger power"),
        }, ct);
        await publisher.PublishAsync(entities.PlannedPower, Number(slot?.SetPoint.Watts), new
        {
            device_class = "power", unit_of_measurement = "W", state_class = "measurement", friendly_name = entities.Label("Planned power"),
            schedule = Changes(schedule),
            planned_on = prices.Basis switch
            {
                PriceBasis.Current => "prices",
                PriceBasis.Kept => "last known prices",
                _ => "no prices: trips and minimum SoC only",
            },
            price_problem = prices.Problem,
            price_gaps_bridged = schedule?.PriceGapsBridged.Select(g => new { start = Time(g.Start), end = Time(g.End) }).ToList() ?? [],
            unpriced_from = schedule?.UnpricedFrom is { } unpriced ? Time(unpriced) : null,
        }, ct);
        await publisher.PublishAsync(entities.PlanWear, schedule is null ? "unknown" : schedule.DegradationCostEur.ToString("0.###", CultureInfo.InvariantCulture), new
        {
            device_class = "monetary", unit_of_measurement = "EUR", friendly_name = entities.Label("Battery wear of the plan"),
        }, ct);
        await publisher.PublishAsync(entities.Mode, V2GEntities.ModeNames[decision.Mode], new
        {
            device_class = "enum", options = V2GEntities.ModeNames.Values, friendly_name = entities.Label("Charge mode"), reason = decision.Reason,
        }, ct);
        var target = calendar.Targets.FirstOrDefault();
        await publisher.PublishAsync(entities.NextTarget, target is null ? "unknown" : Time(target.At), new
        {
            device_class = "timestamp", friendly_name = entities.Label("Next target"), soc = target?.Soc.Value,
            source = target is null ? null : Source(target, calendar),
            source_text = target is null ? null : Learned(target, calendar) ? "learned from your departures" : "from your calendar",
            targets = calendar.Targets.Select(t => new { time = Time(t.At), soc = t.Soc.Value, source = Source(t, calendar) }),
        }, ct);
    }

    private static bool Learned(SocTarget target, CalendarPlan calendar) =>
        calendar.Learned is { } learned && learned.At == target.At && learned.Soc == target.Soc;

    private static string Source(SocTarget target, CalendarPlan calendar) => Learned(target, calendar) ? "learned" : "calendar";

    /// <summary>The schedule as {time, value (W)} at each change of set point, which is all a chart needs and keeps the attribute small.</summary>
    private static List<object> Changes(Schedule? schedule)
    {
        var points = new List<object>();
        double? last = null;
        foreach (var slot in schedule?.Slots ?? [])
        {
            if (slot.SetPoint.Watts == last) continue;
            last = slot.SetPoint.Watts;
            points.Add(new { time = Time(slot.Start), value = Math.Round(slot.SetPoint.Watts) });
        }
        if (schedule?.End is { } end) points.Add(new { time = Time(end), value = 0.0 });
        return points;
    }

    private static string Number(double? value) => value is { } v ? v.ToString("0.#", CultureInfo.InvariantCulture) : "unknown";
    private static string Time(DateTimeOffset at) => at.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);
}

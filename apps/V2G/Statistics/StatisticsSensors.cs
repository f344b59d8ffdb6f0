using System.Globalization;
using ChargeBridge.Core.Statistics;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Apps.V2G.Statistics;

/// <summary>
/// Publishes the statistics: charged and discharged energy, and the same split by source (charged from PV and from the
/// grid, discharged to the house and to the grid), as HA Energy dashboard meters (Core's <see cref="EnergySensor"/>:
/// kWh, energy, total_increasing) and cost, revenue and savings as monetary totals (EUR, state_class total, which may go
/// down), each with the current local day, week, month and year as attributes; the money by destination (V2G revenue,
/// V2H and solar savings) and their total with the savings against naive charging, the year's projection and the
/// equipment's payback (<see cref="SavingsProjection"/>). The charged and discharged sensors also
/// carry <c>unattributed</c>: the lifetime kWh not split by source (counted without a grid reading, or before the split).
/// </summary>
internal static class StatisticsSensors
{
    public static async Task PublishAsync(ISensorPublisher publisher, V2GEntities entities, StatisticsView view, double equipmentCostEur, CancellationToken ct)
    {
        var energies = new Dictionary<string, Func<EnergyTotals, Energy>>
        {
            [entities.ChargedEnergy] = t => t.Charged,
            [entities.DischargedEnergy] = t => t.Discharged,
            [entities.ChargedFromPv] = t => t.ChargedFromPv,
            [entities.ChargedFromGrid] = t => t.ChargedFromGrid,
            [entities.DischargedToHouse] = t => t.DischargedToHouse,
            [entities.DischargedToGrid] = t => t.DischargedToGrid,
        };
        var unattributed = new Dictionary<string, Energy>
        {
            [entities.ChargedEnergy] = view.Lifetime.ChargedUnattributed,
            [entities.DischargedEnergy] = view.Lifetime.DischargedUnattributed,
        };
        foreach (var sensor in EnergySensor.From(view.Lifetime, entities.Loadpoint).Concat(EnergySensor.BySource(view.Lifetime, entities.Loadpoint)))
        {
            var of = energies[sensor.EntityId];
            var attributes = Periods(view.Periods, t => of(t).KilowattHours, 3);
            if (unattributed.TryGetValue(sensor.EntityId, out var notSplit)) attributes["unattributed"] = Math.Round(notSplit.KilowattHours, 3);
            attributes["friendly_name"] = sensor.Attributes.FriendlyName;
            attributes["unit_of_measurement"] = sensor.Attributes.UnitOfMeasurement;
            attributes["device_class"] = sensor.Attributes.DeviceClass;
            attributes["state_class"] = sensor.Attributes.StateClass;
            await publisher.PublishAsync(sensor.EntityId, sensor.State, attributes, ct);
        }
        await Money(publisher, entities.ChargingCost, entities.Label("ChargeBridge charging cost"), view.Lifetime.ChargingCostEur,
            Periods(view.Periods, t => t.ChargingCostEur, 2), ct);
        await Money(publisher, entities.DischargeRevenue, entities.Label("ChargeBridge discharge revenue"), view.Lifetime.DischargeRevenueEur,
            Periods(view.Periods, t => t.DischargeRevenueEur, 2), ct);
        await Money(publisher, entities.Savings, entities.Label("ChargeBridge savings against naive charging"), view.SavingsEur,
            Periods(view.SavingsPeriods, s => s, 2), ct);
        await Money(publisher, entities.V2gRevenue, entities.Label("ChargeBridge V2G revenue"), view.Lifetime.V2gRevenueEur,
            Periods(view.Periods, t => t.V2gRevenueEur, 2), ct);
        await Money(publisher, entities.V2hSavings, entities.Label("ChargeBridge V2H savings"), view.Lifetime.V2hSavingsEur,
            Periods(view.Periods, t => t.V2hSavingsEur, 2), ct);
        await Money(publisher, entities.SolarSavings, entities.Label("ChargeBridge solar savings"), view.Lifetime.SolarSavingsEur,
            Periods(view.Periods, t => t.SolarSavingsEur, 2), ct);
        var total = Periods(view.Periods.ToDictionary(p => p.Key, p => view.TotalSavingsIn(p.Key)), s => s, 2);
        total["projected_annual_eur"] = view.ProjectedAnnualSavingsEur is { } annual ? Math.Round(annual, 2) : null;
        var payback = SavingsProjection.Payback(equipmentCostEur, view.TotalSavingsEur, view.ProjectedAnnualSavingsEur);
        total["payback_years"] = payback is { } p ? Math.Round(p.Years, 1) : null;
        total["payback_remaining_years"] = payback is { } r ? Math.Round(r.RemainingYears, 1) : null;
        await Money(publisher, entities.TotalSavings, entities.Label("ChargeBridge total savings"), view.TotalSavingsEur, total, ct);
    }

    private static Task Money(ISensorPublisher publisher, string entityId, string name, double total, Dictionary<string, object?> attributes,
        CancellationToken ct)
    {
        attributes["friendly_name"] = name;
        attributes["unit_of_measurement"] = "EUR";
        attributes["device_class"] = "monetary";
        attributes["state_class"] = "total";
        return publisher.PublishAsync(entityId, total.ToString("0.00", CultureInfo.InvariantCulture), attributes, ct);
    }

    /// <summary>Attributes day, week, month and year (lower case, as HA attributes are).</summary>
    private static Dictionary<string, object?> Periods<T>(IReadOnlyDictionary<StatisticsPeriod, T> periods, Func<T, double> value, int decimals) =>
        periods.ToDictionary(p => p.Key.ToString().ToLowerInvariant(), p => (object?)Math.Round(value(p.Value), decimals));
}

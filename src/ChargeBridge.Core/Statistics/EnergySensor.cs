using System.Globalization;
using System.Text.Json.Serialization;
using ChargeBridge.Core.Units;

using ChargeBridge.Core.Site;

namespace ChargeBridge.Core.Statistics;

/// <summary>
/// The attributes that make a sensor usable in HA's Energy dashboard: device_class energy, state_class
/// total_increasing (HA 2021.9, developers.home-assistant.io/blog/2021/08/16/state_class_total), unit kWh. A
/// total_increasing state that drops is read by HA as a meter reset, so the states must only grow.
/// </summary>
public sealed record EnergySensorAttributes(
    [property: JsonPropertyName("friendly_name")] string FriendlyName,
    [property: JsonPropertyName("unit_of_measurement")] string UnitOfMeasurement = "kWh",
    [property: JsonPropertyName("device_class")] string DeviceClass = "energy",
    [property: JsonPropertyName("state_class")] string StateClass = "total_increasing");

/// <summary>An energy sensor's state (kWh as text, as HA states are) and attributes.</summary>
public sealed record EnergySensor(string EntityId, string State, EnergySensorAttributes Attributes)
{
    /// <summary>The lifetime charged and discharged energy as two monotonic sensors (consumption and return for the dashboard).</summary>
    public static IReadOnlyList<EnergySensor> From(EnergyTotals lifetime, LoadpointName loadpoint = default) =>
    [
        new($"sensor.{loadpoint.EntityPrefix}charged_energy", Kwh(lifetime.Charged), new EnergySensorAttributes(Name(loadpoint, "charged energy"))),
        new($"sensor.{loadpoint.EntityPrefix}discharged_energy", Kwh(lifetime.Discharged), new EnergySensorAttributes(Name(loadpoint, "discharged energy"))),
    ];

    /// <summary>The lifetime energy split by source as four monotonic sensors: charged from PV and from the grid, discharged
    /// to the house (V2H) and to the grid (<see cref="EnergySources"/>). Energy not split (no site reading) is in none.</summary>
    public static IReadOnlyList<EnergySensor> BySource(EnergyTotals lifetime, LoadpointName loadpoint = default) =>
    [
        new($"sensor.{loadpoint.EntityPrefix}charged_from_pv", Kwh(lifetime.ChargedFromPv), new EnergySensorAttributes(Name(loadpoint, "charged from PV"))),
        new($"sensor.{loadpoint.EntityPrefix}charged_from_grid", Kwh(lifetime.ChargedFromGrid), new EnergySensorAttributes(Name(loadpoint, "charged from grid"))),
        new($"sensor.{loadpoint.EntityPrefix}discharged_to_house", Kwh(lifetime.DischargedToHouse), new EnergySensorAttributes(Name(loadpoint, "discharged to house"))),
        new($"sensor.{loadpoint.EntityPrefix}discharged_to_grid", Kwh(lifetime.DischargedToGrid), new EnergySensorAttributes(Name(loadpoint, "discharged to grid"))),
    ];

    private static string Name(LoadpointName loadpoint, string what) =>
        loadpoint.IsUnnamed ? "ChargeBridge " + what : $"ChargeBridge {loadpoint.Value} {what}";

    private static string Kwh(Energy e) => e.KilowattHours.ToString("0.000", CultureInfo.InvariantCulture);
}

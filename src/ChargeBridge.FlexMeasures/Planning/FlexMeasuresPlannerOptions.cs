namespace ChargeBridge.FlexMeasures.Planning;

/// <summary>
/// Where the charger lives in FlexMeasures. With <see cref="AssetId"/> the FlexMeasures 1.0 asset endpoint is used,
/// otherwise the sensor endpoint of <see cref="PowerSensor"/>. For the emissions objective the CO₂ intensity sensor
/// takes the place of both price sensors.
/// </summary>
public sealed record FlexMeasuresPlannerOptions(
    int PowerSensor,
    int ConsumptionPriceSensor,
    int ProductionPriceSensor,
    int? EmissionsSensor = null,
    int? AssetId = null,
    bool RelaxSocConstraints = true,
    bool RelaxCapacityConstraints = true);

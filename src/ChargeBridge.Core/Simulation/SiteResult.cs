namespace ChargeBridge.Core.Simulation;

/// <summary>
/// What one strategy did for the whole site over the simulated year: the household's grid bill (house, PV and car
/// together, energy only) and where the car's energy came from and went. <see cref="HouseAloneCostEur"/> is the bill
/// without any car, the same for every strategy; the car's cost to the household is the difference.
/// </summary>
public sealed record SiteResult(
    double HouseAloneCostEur,
    double NetCostEur,
    double CarFromPvKwh,
    double CarFromGridKwh,
    double VehicleToHomeKwh,
    double CarExportedKwh)
{
    public double CarCostEur => NetCostEur - HouseAloneCostEur;
}

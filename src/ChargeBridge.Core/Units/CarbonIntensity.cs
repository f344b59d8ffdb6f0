using System.Globalization;

namespace ChargeBridge.Core.Units;

/// <summary>Emissions per unit of grid energy in grams of CO₂ per kWh.</summary>
public readonly record struct CarbonIntensity(double GramsPerKwh)
{
    public override string ToString() => GramsPerKwh.ToString("0.#", CultureInfo.InvariantCulture) + " gCO2/kWh";
}

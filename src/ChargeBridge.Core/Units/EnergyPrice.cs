using System.Globalization;

namespace ChargeBridge.Core.Units;

/// <summary>A price per unit of energy in EUR/kWh; may be negative.</summary>
public readonly record struct EnergyPrice(double EurPerKwh) : IComparable<EnergyPrice>
{
    public static EnergyPrice FromEurPerMwh(double eurPerMwh) => new(eurPerMwh / 1000);

    public double EurPerMwh => EurPerKwh * 1000;

    /// <summary>Cost in EUR of buying <paramref name="energy"/> at this price.</summary>
    public double CostOf(Energy energy) => EurPerKwh * energy.KilowattHours;

    public static bool operator <(EnergyPrice a, EnergyPrice b) => a.EurPerKwh < b.EurPerKwh;
    public static bool operator >(EnergyPrice a, EnergyPrice b) => a.EurPerKwh > b.EurPerKwh;

    public int CompareTo(EnergyPrice other) => EurPerKwh.CompareTo(other.EurPerKwh);
    public override string ToString() => EurPerKwh.ToString("0.#####", CultureInfo.InvariantCulture) + " EUR/kWh";
}

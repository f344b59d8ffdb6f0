using System.Globalization;

namespace ChargeBridge.Core.Units;

/// <summary>Electric power in watts. Positive means energy flows into the car (charging), negative out of it.</summary>
public readonly record struct Power(double Watts) : IComparable<Power>
{
    public static readonly Power Zero = new(0);

    public static Power FromWatts(double watts) => new(watts);
    public static Power FromKilowatts(double kilowatts) => new(kilowatts * 1000);
    public static Power FromMegawatts(double megawatts) => new(megawatts * 1_000_000);

    public double Kilowatts => Watts / 1000;
    public double Megawatts => Watts / 1_000_000;
    public bool IsCharging => Watts > 0;
    public bool IsDischarging => Watts < 0;

    /// <summary>Energy delivered at this power over <paramref name="duration"/>.</summary>
    public Energy Over(TimeSpan duration) => Energy.FromKilowattHours(Kilowatts * duration.TotalHours);

    public Power Clamp(Power min, Power max) => new(Math.Clamp(Watts, min.Watts, max.Watts));
    public Power Abs() => new(Math.Abs(Watts));

    public static Power operator +(Power a, Power b) => new(a.Watts + b.Watts);
    public static Power operator -(Power a, Power b) => new(a.Watts - b.Watts);
    public static Power operator -(Power a) => new(-a.Watts);
    public static Power operator *(Power a, double k) => new(a.Watts * k);
    public static bool operator <(Power a, Power b) => a.Watts < b.Watts;
    public static bool operator >(Power a, Power b) => a.Watts > b.Watts;
    public static bool operator <=(Power a, Power b) => a.Watts <= b.Watts;
    public static bool operator >=(Power a, Power b) => a.Watts >= b.Watts;

    public int CompareTo(Power other) => Watts.CompareTo(other.Watts);
    public override string ToString() => Watts.ToString("0.#", CultureInfo.InvariantCulture) + " W";
}

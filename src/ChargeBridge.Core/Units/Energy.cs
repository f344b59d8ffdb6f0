using System.Globalization;

namespace ChargeBridge.Core.Units;

/// <summary>Energy in kilowatt-hours.</summary>
public readonly record struct Energy(double KilowattHours) : IComparable<Energy>
{
    public static readonly Energy Zero = new(0);

    public static Energy FromKilowattHours(double kwh) => new(kwh);
    public static Energy FromWattHours(double wh) => new(wh / 1000);

    public double WattHours => KilowattHours * 1000;

    /// <summary>The constant power that moves this energy in <paramref name="duration"/>.</summary>
    public Power Per(TimeSpan duration) => Power.FromKilowatts(KilowattHours / duration.TotalHours);

    public static Energy operator +(Energy a, Energy b) => new(a.KilowattHours + b.KilowattHours);
    public static Energy operator -(Energy a, Energy b) => new(a.KilowattHours - b.KilowattHours);
    public static Energy operator -(Energy a) => new(-a.KilowattHours);
    public static Energy operator *(Energy a, double k) => new(a.KilowattHours * k);
    public static bool operator <(Energy a, Energy b) => a.KilowattHours < b.KilowattHours;
    public static bool operator >(Energy a, Energy b) => a.KilowattHours > b.KilowattHours;
    public static bool operator <=(Energy a, Energy b) => a.KilowattHours <= b.KilowattHours;
    public static bool operator >=(Energy a, Energy b) => a.KilowattHours >= b.KilowattHours;

    public int CompareTo(Energy other) => KilowattHours.CompareTo(other.KilowattHours);
    public override string ToString() => KilowattHours.ToString("0.###", CultureInfo.InvariantCulture) + " kWh";
}

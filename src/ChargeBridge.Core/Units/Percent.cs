using System.Globalization;

namespace ChargeBridge.Core.Units;

/// <summary>A state of charge or other share, in percent (0–100).</summary>
public readonly record struct Percent(double Value) : IComparable<Percent>
{
    public static Percent Of(Energy part, Energy whole) => new(part.KilowattHours / whole.KilowattHours * 100);

    /// <summary>The energy this share of <paramref name="capacity"/> holds.</summary>
    public Energy Of(Energy capacity) => capacity * (Value / 100);

    public static bool operator <(Percent a, Percent b) => a.Value < b.Value;
    public static bool operator >(Percent a, Percent b) => a.Value > b.Value;
    public static bool operator <=(Percent a, Percent b) => a.Value <= b.Value;
    public static bool operator >=(Percent a, Percent b) => a.Value >= b.Value;

    public int CompareTo(Percent other) => Value.CompareTo(other.Value);
    public override string ToString() => Value.ToString("0.#", CultureInfo.InvariantCulture) + " %";
}

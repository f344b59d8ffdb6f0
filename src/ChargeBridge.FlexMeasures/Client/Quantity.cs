using System.Globalization;
using System.Text.Json.Nodes;
using ChargeBridge.Core.Units;

namespace ChargeBridge.FlexMeasures.Client;

/// <summary>FlexMeasures quantity strings ("12.1 kWh", "7.4 kW", "90%") and time-series segments.</summary>
internal static class Quantity
{
    private static string Number(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);

    public static string Of(Energy energy) => Number(energy.KilowattHours) + " kWh";
    public static string Of(Power power) => Number(power.Kilowatts) + " kW";
    public static string Of(Percent percent) => Number(percent.Value) + "%";

    public static string Timestamp(DateTimeOffset time) => time.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>A segment with equal start and end is an instant ("datetime"), otherwise a window ("start", "end").</summary>
    public static JsonArray Series<T>(IEnumerable<TimedValue<T>> segments, Func<T, string> format)
    {
        var array = new JsonArray();
        foreach (var segment in segments)
        {
            var item = new JsonObject { ["value"] = format(segment.Value) };
            if (segment.Start == segment.End)
                item["datetime"] = Timestamp(segment.Start);
            else
            {
                item["start"] = Timestamp(segment.Start);
                item["end"] = Timestamp(segment.End);
            }
            array.Add(item);
        }
        return array;
    }
}

/// <summary>A value that holds from <see cref="Start"/> to <see cref="End"/>, or at one instant when both are equal.</summary>
public sealed record TimedValue<T>(DateTimeOffset Start, DateTimeOffset End, T Value)
{
    public static TimedValue<T> At(DateTimeOffset time, T value) => new(time, time, value);
}

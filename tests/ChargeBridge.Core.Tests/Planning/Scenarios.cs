using ChargeBridge.Core.Planning;
using ChargeBridge.Core.Prices;
using ChargeBridge.Core.Settings;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Tests.Planning;

/// <summary>Small hand-made requests: hourly prices from midnight UTC, a 62 kWh car on a 7.4 kW charger.</summary>
internal static class Scenarios
{
    public static readonly DateTimeOffset Midnight = new(2024, 6, 1, 0, 0, 0, TimeSpan.Zero);

    public static TimeSeries<T> Hourly<T>(params T[] values) where T : struct =>
        new(values.Select((v, i) => new TimePoint<T>(Midnight.AddHours(i), v)), TimeSpan.FromHours(1));

    public static TimeSeries<EnergyPrice> Prices(params double[] eurPerKwh) =>
        Hourly(eurPerKwh.Select(p => new EnergyPrice(p)).ToArray());

    public static PlanRequest Request(double soc, params double[] prices) => new()
    {
        Start = Midnight,
        Soc = new Percent(soc),
        Settings = new ChargeSettings(),
        BuyPrices = Prices(prices),
    };

    public static double EnergyIn(Schedule s, int fromHour, int toHour) => s.Slots
        .Where(x => x.Start >= Midnight.AddHours(fromHour) && x.Start < Midnight.AddHours(toHour))
        .Sum(x => x.SetPoint.Over(x.Length).KilowattHours);
}

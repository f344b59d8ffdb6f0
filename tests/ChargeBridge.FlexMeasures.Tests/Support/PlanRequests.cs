using ChargeBridge.Core.Planning;
using ChargeBridge.Core.Prices;
using ChargeBridge.Core.Units;
using ChargeBridge.FlexMeasures.Planning;

namespace ChargeBridge.FlexMeasures.Tests.Support;

/// <summary>A day-ahead style request: hourly prices cheap at night, a trip target and an absence.</summary>
internal static class PlanRequests
{
    public static readonly FlexMeasuresPlannerOptions Options = new(PowerSensor: 3, ConsumptionPriceSensor: 11, ProductionPriceSensor: 12);

    /// <summary>20:00 UTC, when the car comes home.</summary>
    public static readonly DateTimeOffset Start = TestClients.Start.AddHours(20);

    public static PlanRequest Evening(DateTimeOffset start) => new()
    {
        Start = start,
        Soc = new Percent(40),
        BuyPrices = new TimeSeries<EnergyPrice>(
            Enumerable.Range(0, 30).Select(h => new TimePoint<EnergyPrice>(start.AddHours(h), new EnergyPrice(h % 24 is >= 2 and < 6 ? 0.10 : 0.30))),
            TimeSpan.FromHours(1)),
        Targets = [new SocTarget(start.AddHours(8), new Percent(90))],
        Absences = [new Absence(start.AddHours(8), start.AddHours(18))],
    };
}

using System.Reflection;
using ChargeBridge.Devices.Quasar;
using ChargeBridge.Core.Calendar;
using ChargeBridge.Core.Planning;
using ChargeBridge.Core.Prices;
using ChargeBridge.Core.Settings;
using ChargeBridge.Core.Units;
using ChargeBridge.HassModel.Fake;

namespace ChargeBridge.Host.Demo;

/// <summary>
/// The demo's day: a 62 kWh car plugged in at 09:00 CET on Wednesday 6 November 2024 with 35 %, a 180 km trip the
/// next morning at 07:30, and the Dutch day-ahead prices of those two days (a winter evening peak of 0.55 EUR/kWh
/// before a cheap night). The second day's prices are published at 13:00 CET, as EPEX publishes them, so the trip
/// is planned for once they are known. The Quasar car runs in Automatic with solar on, so noon's PV surplus charges it
/// beyond the plan; in the <see cref="Evening"/> the household's automation sets it to "Power the house (V2H)".
/// </summary>
internal sealed record DemoScenario
{
    public const string Calendar = "calendar.car";
    public const string PriceSensor = "sensor.chargebridge_prices";

    /// <summary>Where the day happens: the prices are Dutch and the report's clock is local.</summary>
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    public DateTimeOffset Start { get; init; } = new(2024, 11, 6, 8, 0, 0, TimeSpan.Zero);
    public TimeSpan Length { get; init; } = TimeSpan.FromDays(1);
    public DateTimeOffset End => Start + Length;
    public DateTimeOffset SecondDayPublished { get; init; } = new(2024, 11, 6, 12, 0, 0, TimeSpan.Zero);
    public Percent PlugInSoc { get; init; } = new(35);
    /// <summary>The simulated car, not yet plugged in (the simulator's 92 % each way is the settings' 85 % round trip).</summary>
    public QuasarSimulatorOptions Car => new()
    {
        BatteryCapacity = Settings.Capacity, InitialSoc = PlugInSoc, CarConnected = false,
        MaxPowerW = (int)Settings.MaxChargePower.Watts,
    };
    /// <summary>The settings helpers' initial values (V2GEntities), which the app plans with in the demo.</summary>
    public ChargeSettings Settings { get; init; } = new();
    public Percent PracticalMaxSoc { get; init; } = new(97);
    /// <summary>A Dutch dynamic contract: supplier markup and energy tax per kWh, then 21 % VAT.</summary>
    public static readonly Tariff HouseholdTariff = new(new EnergyPrice(0.1288), 0.21);
    public FakeCalendarEvent Trip { get; init; } = new(new DateTimeOffset(2024, 11, 7, 6, 30, 0, TimeSpan.Zero),
        new DateTimeOffset(2024, 11, 7, 16, 0, 0, TimeSpan.Zero), "Visit to Groningen", "180 km return trip");

    /// <summary>The SoC the trip needs at its start, by the calendar rules the app applies.</summary>
    public Percent TripTarget => CalendarTargetRule.For(
        new CalendarEvent(Trip.Start, Trip.End, Trip.Summary, Trip.Description ?? "", Trip.AllDay), Settings, PracticalMaxSoc).Soc;

    /// <summary>
    /// 17:00–23:00 CET, the evening's load and price peak, in which the Quasar car follows the house's load (V2H, the
    /// grid near 0) instead of the plan, which would export at full power: with the same price each way (net metering)
    /// that earns more, but it is not what a household with a V2H charger wants to see its car do.
    /// </summary>
    public DemoWindow Evening { get; init; } = new(new(2024, 11, 6, 16, 0, 0, TimeSpan.Zero), new(2024, 11, 6, 22, 0, 0, TimeSpan.Zero));

    /// <summary>10:00–15:00 CET, the hours the report sums solar charging over (the PV day's production peaks in them).</summary>
    public DemoWindow Noon { get; init; } = new(new(2024, 11, 6, 9, 0, 0, TimeSpan.Zero), new(2024, 11, 6, 14, 0, 0, TimeSpan.Zero));

    /// <summary>The site's second loadpoint, a charge-only car on a charger HA integrates.</summary>
    public DemoSecondCar SecondCar { get; init; } = new();

    /// <summary>The house's own consumption when the shared house data is missing (<see cref="DemoHouse.BuiltIn"/>): a
    /// base load, the morning and the evening peak (local time).</summary>
    public static Power HouseLoad(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Zone).Hour switch
    {
        >= 6 and < 9 => Power.FromWatts(900),
        >= 17 and < 22 => Power.FromWatts(1500),
        _ => Power.FromWatts(350),
    };

    /// <summary>The plugged-in stretch, from plug-in to the trip, with the trip's target: what every strategy is compared on.</summary>
    public PlanRequest Session => new()
    {
        Start = Start, Soc = PlugInSoc, Horizon = Trip.Start - Start, Settings = Settings, BuyPrices = Prices,
        Targets = [new SocTarget(Trip.Start, TripTarget)],
    };

    /// <summary>Household prices (EUR/kWh) for both days.</summary>
    public TimeSeries<EnergyPrice> Prices { get; init; } = LoadPrices();

    /// <summary>What is known before <see cref="SecondDayPublished"/>: the first local day's prices.</summary>
    public TimeSeries<EnergyPrice> FirstDayPrices => Prices.Before(Prices.Points[0].Start + TimeSpan.FromDays(1));

    /// <summary>The same day moved to start at <paramref name="start"/> (a run in real time, as the memory benchmark does).</summary>
    public DemoScenario ShiftedTo(DateTimeOffset start)
    {
        var by = start - Start;
        return this with
        {
            Start = start,
            SecondDayPublished = SecondDayPublished + by,
            Trip = Trip with { Start = Trip.Start + by, End = Trip.End + by },
            SecondCar = SecondCar.ShiftedBy(by),
            Evening = Evening.ShiftedBy(by),
            Noon = Noon.ShiftedBy(by),
            Prices = new(Prices.Points.Select(p => p with { Start = p.Start + by }), Prices.Resolution),
        };
    }

    // demo-prices.csv: the 48 hours of 6 and 7 November 2024 (Europe/Amsterdam), UTC start and EUR/kWh, taken from
    // nl_day_ahead_2024_jeroen_nl.csv (jeroen.nl's copy of the EPEX NL day-ahead price; see the project's data SOURCES.md).
    private static TimeSeries<EnergyPrice> LoadPrices()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("ChargeBridge.Host.Demo.demo-prices.csv")
            ?? throw new InvalidOperationException("the demo's price resource is missing from the build");
        using var reader = new StreamReader(stream);
        return HouseholdTariff.NetPrices(PlanPriceCsv.Read(reader, "demo-prices.csv").Buy);
    }
}

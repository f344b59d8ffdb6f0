using ChargeBridge.Core.HomePower;
using ChargeBridge.Core.Meters;
using ChargeBridge.Core.Units;
using ChargeBridge.Devices.Quasar;
using ChargeBridge.Devices.Shelly;
using ChargeBridge.Devices.Tests.Shelly;
using ChargeBridge.Devices.Twins;
using ChargeBridge.Modbus;
using ChargeBridge.Tests;

namespace ChargeBridge.Devices.Tests.Twins;

/// <summary>The house twin read the way the site reads it: the registry's Shelly meters over loopback HTTP, on virtual time.</summary>
public sealed class HouseTwinTests : ShellyTwinFixture
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(10);
    private readonly List<IAsyncDisposable> _owned = [];

    /// <summary>Three 10 s steps from the fixture's clock: house 1000/2500/400 W, PV 0/3000/1000 W.</summary>
    private HomeSimTrace Steps() => new(Time.GetUtcNow(), Step,
        [Power.FromWatts(1000), Power.FromWatts(2500), Power.FromWatts(400)],
        [Power.Zero, Power.FromWatts(3000), Power.FromWatts(1000)]);

    private async Task<HouseTwin> Start(HomeSimTrace trace, HouseTwinOptions? options = null)
    {
        var twin = await HouseTwin.StartAsync(trace, (options ?? new HouseTwinOptions()) with { Clock = Time });
        _owned.Add(twin);
        return twin;
    }

    private async Task<double> Watts(IMeter meter)
    {
        var reading = await meter.RefreshAsync();
        Assert.Null(reading.Problem);
        return reading.Power!.Value.Watts;
    }

    private void Advance(double seconds) => Time.Advance(TimeSpan.FromSeconds(seconds));

    public override async Task DisposeAsync()
    {
        foreach (var owned in Enumerable.Reverse(_owned)) await owned.DisposeAsync();
        await base.DisposeAsync();
    }

    [Fact]
    public async Task The_grid_and_pv_meters_follow_the_trace_on_update()
    {
        var twin = await Start(Steps());
        var grid = Meter(twin.Grid);
        var pv = Meter(twin.Pv!);
        Assert.Equal(ShellyModel.Pro3Em, twin.Grid.Model);

        twin.Update();
        Assert.Equal(1000, await Watts(grid), 6);
        Assert.Equal(0, await Watts(pv), 6);

        Advance(10);
        var reading = twin.Update();
        Assert.Equal(new HouseTwinReading(Time.GetUtcNow(), Time.GetUtcNow(), Power.FromWatts(2500), Power.FromWatts(3000), Power.Zero,
            Power.FromWatts(-500)), reading);
        Assert.Equal(-500, await Watts(grid), 6);
        Assert.Equal(-3000, await Watts(pv), 6); // a PV meter reads production as negative

        Advance(9.999);
        Assert.Equal(-500, twin.Update().Grid.Watts);
        Advance(0.001);
        twin.Update();
        Assert.Equal(-600, await Watts(grid), 6);
        Assert.Equal(-1000, await Watts(pv), 6);
    }

    [Fact]
    public async Task On_a_timer_the_meters_refresh_at_its_pace_without_update()
    {
        var twin = await Start(Steps(), new HouseTwinOptions { RefreshEvery = TimeSpan.FromSeconds(5) });
        var grid = Meter(twin.Grid);
        Assert.Equal(1000, await Watts(grid), 6); // refreshed at start

        Advance(10);
        Assert.Equal(-500, await Watts(grid), 6);
        Advance(4.9);
        Assert.Equal(-500, await Watts(grid), 6); // the timer last ran at 10 s
        Assert.Equal(Time.GetUtcNow().AddSeconds(-4.9), twin.Last!.At);
        Advance(5.1);
        Assert.Equal(-600, await Watts(grid), 6);
        Assert.Equal(Time.GetUtcNow(), twin.Last.At);
    }

    [Fact]
    public void A_refresh_pace_outside_1_to_10_seconds_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            new HouseTwin(Steps(), null!, options: new HouseTwinOptions { Clock = Time, RefreshEvery = TimeSpan.FromSeconds(30) }));
    }

    [Fact]
    public async Task Outside_the_trace_it_fails_clearly_by_default()
    {
        var twin = await Start(Steps(), new HouseTwinOptions { RefreshEvery = TimeSpan.FromSeconds(1) });
        Advance(29);
        Assert.Equal(-600, twin.Last!.Grid.Watts);
        Advance(1);
        var error = Assert.Throws<InvalidOperationException>(() => twin.Update());
        Assert.Contains("outside the house trace", error.Message);
        Assert.IsType<InvalidOperationException>(twin.LastError); // the timer's refresh failed the same way
        Assert.Equal(-600, await Watts(Meter(twin.Grid)), 6); // and left the meter as it was
    }

    [Fact]
    public async Task Outside_the_trace_it_can_hold_the_edge_or_repeat()
    {
        var start = Time.GetUtcNow();
        var hold = await Start(Steps(), new HouseTwinOptions { BeyondTrace = HouseTwinBeyondTrace.HoldEdge, PlayFrom = start.AddSeconds(5) });
        var repeat = await Start(Steps(), new HouseTwinOptions { BeyondTrace = HouseTwinBeyondTrace.Repeat, PlayFrom = start.AddSeconds(5) });

        Assert.Equal(1000, hold.Update().Grid.Watts); // 5 s before the trace: its first value
        var wrapped = repeat.Update(); // 5 s before: the end of the previous round
        Assert.Equal(-600, wrapped.Grid.Watts);
        Assert.Equal(start.AddSeconds(20), wrapped.TraceAt); // the trace's own time of that step

        Advance(5 + 30 + 12); // 12 s into the second round
        Assert.Equal(-600, hold.Update().Grid.Watts);
        Assert.Equal(-500, repeat.Update().Grid.Watts);
        Assert.Equal(-500, await Watts(Meter(repeat.Grid)), 6);
    }

    [Fact]
    public async Task A_quasar_charger_shows_on_the_grid_meter_with_its_delay_and_ramp()
    {
        var quasar = await QuasarSimulator.StartAsync(options: new QuasarSimulatorOptions
        {
            Clock = Time, ReactionDelay = TimeSpan.FromSeconds(3), RampWattsPerSecond = 1000,
        });
        _owned.Add(quasar);
        var modbus = new ModbusTcpClient("127.0.0.1", quasar.Endpoint.Port, new ModbusClientOptions { Clock = Time });
        _owned.Add(modbus);
        foreach (var (address, value) in new (ushort, short)[] { (81, 1), (82, 0), (83, 1), (88, 0), (257, 1) })
            await modbus.WriteSingleRegisterAsync(address, (ushort)value);

        // a steady 500 W house without PV for two minutes, the twin refreshing every second
        var house = Enumerable.Repeat(Power.FromWatts(500), 12).ToArray();
        var twin = await Start(new HomeSimTrace(Time.GetUtcNow(), Step, house, new Power[12]),
            new HouseTwinOptions { RefreshEvery = TimeSpan.FromSeconds(1), PvModel = null });
        twin.AddCharger(() => quasar.ActualPower);
        var grid = (ShellyPro3EmMeter)Meter(twin.Grid);

        await modbus.WriteSingleRegisterAsync(260, 3000);
        var seen = new List<double>();
        for (var s = 1; s <= 7; s++)
        {
            Advance(1);
            seen.Add(Math.Round(await Watts(grid), 6));
        }
        // nothing for the 3 s delay, then 1 kW more every second up to the set point
        Assert.Equal([500, 500, 500, 1500, 2500, 3500, 3500], seen);

        await modbus.WriteSingleRegisterAsync(260, unchecked((ushort)(short)-2000)); // discharge: V2H
        seen.Clear();
        for (var s = 1; s <= 9; s++)
        {
            Advance(1);
            seen.Add(Math.Round(await Watts(grid), 6));
        }
        Assert.Equal([3500, 3500, 3500, 2500, 1500, 500, -500, -1500, -1500], seen);
        Assert.Equal(Power.FromWatts(-2000), twin.Last!.Chargers);
    }

    [Fact]
    public async Task A_real_house_day_plays_through_the_meters()
    {
        HomeSimTrace day;
        using (var amsterdam = File.OpenText(RepoPaths.SharedFile("data", "nl_amsterdam_heatpump_households_5min_2020.csv")))
        using (var konstanz = File.OpenText(RepoPaths.SharedFile("data", "opsd_household_DE_KN_residential4_60min.csv")))
            day = HomeSimHouseDay.Default.Load(amsterdam, konstanz, TimeSpan.FromSeconds(1), HomeSimNoise.Default);

        // the clock's now plays 13:00 of the day
        var noon = 13 * 3600;
        var twin = await Start(day, new HouseTwinOptions { PlayFrom = Time.GetUtcNow().AddHours(-13), RefreshEvery = TimeSpan.FromSeconds(1) });
        var grid = Meter(twin.Grid);
        var pv = Meter(twin.Pv!);
        for (var s = 0; s < 3; s++)
        {
            Assert.Equal((day.House[noon + s] - day.Pv[noon + s]).Watts, await Watts(grid), 6);
            Assert.Equal(-day.Pv[noon + s].Watts, await Watts(pv), 6);
            Assert.Equal(day.TimeAt(noon + s), twin.Last!.TraceAt);
            Advance(1);
        }
        Assert.True(day.Pv[noon].Watts > 1000, "a sunny 13:00");
    }
}

using ChargeBridge.Core.Chargers;
using ChargeBridge.Core.HomePower;
using ChargeBridge.Core.Settings;
using ChargeBridge.Core.Units;
using Microsoft.Extensions.Time.Testing;

namespace ChargeBridge.Core.Tests.HomePower;

public class FrequencyResponseControllerTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);
    private static readonly ChargerCapabilities Quasar = ChargerCapabilities.ForCurrent(true, 1, 6, 32);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 6, 8, 0, 0, TimeSpan.Zero));
    private FrequencyResponseController _response = new(new FrequencyResponseSettings());

    public double? Soc { get; set; } = 80;
    public bool Connected { get; set; } = true;
    public ChargeSettings Car { get; set; } = new();

    private FrequencyResponseStep Step(double? hz, ChargerCapabilities? charger = null) => _response.Step(new FrequencyResponseInput(
        _clock.GetUtcNow(), DateOnly.FromDateTime(_clock.GetUtcNow().DateTime), hz, Connected, Soc is { } s ? new Percent(s) : null, null, Car, charger ?? Quasar));

    /// <summary>Steps once a second for <paramref name="span"/> at <paramref name="hz"/>; every step.</summary>
    private List<FrequencyResponseStep> Run(double? hz, TimeSpan span)
    {
        var steps = new List<FrequencyResponseStep>();
        for (var t = TimeSpan.Zero; t < span; t += Second)
        {
            steps.Add(Step(hz));
            _clock.Advance(Second);
        }
        return steps;
    }

    /// <summary>One under-frequency event of <paramref name="span"/>, then the frequency back at 50 Hz: the step that ended it.</summary>
    private FrequencyResponseStep Event(TimeSpan span)
    {
        Run(49.7, span);
        var end = Step(50);
        _clock.Advance(Second);
        return end;
    }

    [Fact]
    public void Discharging_starts_once_the_frequency_has_stayed_below_the_threshold_for_the_trigger_time()
    {
        var steps = Run(49.75, TimeSpan.FromSeconds(4));

        Assert.Null(steps[0].SetPoint);
        Assert.Null(steps[1].SetPoint);
        Assert.Equal(Power.FromWatts(-3000), steps[2].SetPoint);
        Assert.Equal(FrequencyEventKind.Under, steps[2].Started!.Kind);
        Assert.Equal(49.75, steps[2].Started!.TriggerHz);
        Assert.Null(steps[3].Started);
        Assert.Equal(Power.FromWatts(-3000), steps[3].SetPoint);
        Assert.Equal(1, steps[3].EventsToday);
    }

    [Fact]
    public void A_dip_shorter_than_the_trigger_time_starts_nothing()
    {
        for (var i = 0; i < 30; i++)
        {
            Assert.Null(Step(49.6).SetPoint);
            _clock.Advance(Second);
            Assert.Null(Step(49.6).SetPoint);
            _clock.Advance(Second);
            Assert.Null(Step(49.95).SetPoint);
            _clock.Advance(Second);
        }
        Assert.Equal(0, Step(50).EventsToday);
    }

    [Fact]
    public void An_event_ends_when_the_frequency_recovers_and_is_logged_with_its_energy_and_lowest_frequency()
    {
        Run(49.7, TimeSpan.FromSeconds(10));
        Run(49.6, TimeSpan.FromSeconds(10));
        var end = Step(49.85);

        Assert.Null(end.SetPoint);
        var logged = end.Ended!;
        Assert.Equal(FrequencyEventEnd.Recovered, logged.EndReason);
        Assert.Equal(49.6, logged.ExtremeHz);
        Assert.Equal(TimeSpan.FromSeconds(18), logged.End - logged.Start);
        // 3 kW for the 18 s it ran (nothing reported by the charger: the set point counts).
        Assert.Equal(3.0 * 18 / 3600, logged.Energy.KilowattHours, 9);
        Assert.Equal(logged.Energy, end.EnergyToday);
    }

    [Fact]
    public void An_event_lasts_at_most_the_maximum_duration_even_if_the_frequency_stays_low()
    {
        var steps = Run(49.7, TimeSpan.FromMinutes(10));

        var start = steps.FindIndex(s => s.Started is not null);
        var end = steps.FindIndex(s => s.Ended is not null);
        Assert.Equal(TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(end - start));
        Assert.Equal(FrequencyEventEnd.MaxDuration, steps[end].Ended!.EndReason);
        // The minimum gap keeps a stuck sensor from starting the next event at once.
        Assert.All(steps.Skip(end), s => Assert.Null(s.SetPoint));
    }

    [Fact]
    public void No_discharge_at_or_below_the_SoC_threshold_or_with_the_SoC_unknown_and_an_event_stops_when_the_SoC_falls_to_it()
    {
        Soc = 50;
        Assert.All(Run(49.7, TimeSpan.FromSeconds(10)), s => Assert.Null(s.SetPoint));
        Soc = null;
        Assert.All(Run(49.7, TimeSpan.FromSeconds(10)), s => Assert.Null(s.SetPoint));

        Soc = 51;
        Assert.Equal(Power.FromWatts(-3000), Run(49.7, TimeSpan.FromSeconds(3))[^1].SetPoint);
        Soc = 50;
        var stopped = Step(49.7);

        Assert.Null(stopped.SetPoint);
        Assert.Equal(FrequencyEventEnd.SocLimit, stopped.Ended!.EndReason);
    }

    [Fact]
    public void No_discharge_down_to_min_SoC_with_the_backup_reserve_even_below_a_lower_threshold()
    {
        _response = new FrequencyResponseController(new FrequencyResponseSettings { MinSocToDischarge = new Percent(10) });
        Car = BackupReserve.Apply(new ChargeSettings(), new Percent(40));
        Soc = 41;

        Assert.All(Run(49.7, TimeSpan.FromSeconds(10)), s => Assert.Null(s.SetPoint));
        Soc = 41.5;
        Assert.Equal(Power.FromWatts(-3000), Run(49.7, TimeSpan.FromSeconds(3))[^1].SetPoint);
    }

    [Fact]
    public void The_next_event_waits_for_the_minimum_gap()
    {
        Event(TimeSpan.FromSeconds(30));

        var tooSoon = Run(49.7, TimeSpan.FromMinutes(14));
        Run(50, TimeSpan.FromMinutes(1));
        var later = Run(49.7, TimeSpan.FromSeconds(5));

        Assert.All(tooSoon, s => Assert.Null(s.SetPoint));
        Assert.Equal(Power.FromWatts(-3000), later[^1].SetPoint);
        Assert.Equal(2, later[^1].EventsToday);
    }

    [Fact]
    public void The_daily_count_caps_events_and_a_new_day_starts_afresh()
    {
        for (var i = 0; i < 4; i++)
        {
            Event(TimeSpan.FromSeconds(15));
            Run(50, TimeSpan.FromMinutes(15));
        }
        var capped = Run(49.7, TimeSpan.FromMinutes(1));
        _clock.SetUtcNow(new DateTimeOffset(2026, 12, 7, 0, 0, 1, TimeSpan.Zero));
        var nextDay = Run(49.7, TimeSpan.FromSeconds(5));

        Assert.All(capped, s => Assert.Null(s.SetPoint));
        Assert.Equal(4, capped[^1].EventsToday);
        Assert.Equal(Power.FromWatts(-3000), nextDay[^1].SetPoint);
        Assert.Equal(1, nextDay[^1].EventsToday);
    }

    [Fact]
    public void The_daily_energy_cap_ends_an_event_and_keeps_the_next_from_starting()
    {
        _response = new FrequencyResponseController(new FrequencyResponseSettings { MaxEnergyPerDay = Energy.FromKilowattHours(0.1), MinGap = TimeSpan.Zero });

        var steps = Run(49.7, TimeSpan.FromMinutes(3));

        var end = steps.Single(s => s.Ended is not null);
        Assert.Equal(FrequencyEventEnd.DailyEnergyCap, end.Ended!.EndReason);
        // 0.1 kWh at 3 kW is 120 s: the step after that ends it.
        Assert.InRange(end.EnergyToday.KilowattHours, 0.1, 0.1 + 3.0 / 3600 + 1e-9);
        Assert.Equal(1, steps.Count(s => s.Started is not null));
        Assert.All(steps.SkipWhile(s => s.Ended is null), s => Assert.Null(s.SetPoint));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(44.9)]
    [InlineData(60.0)]
    [InlineData(double.NaN)]
    [InlineData(null)]
    public void Implausible_or_unknown_readings_are_ignored_and_end_a_running_event(double? reading)
    {
        Assert.All(Run(reading, TimeSpan.FromMinutes(1)), s => Assert.Null(s.SetPoint));
        // Between two low readings they restart the trigger wait.
        Step(49.7);
        _clock.Advance(Second);
        Step(reading);
        _clock.Advance(Second);
        Assert.Null(Step(49.7).SetPoint);

        _response = new FrequencyResponseController(new FrequencyResponseSettings());
        Run(49.7, TimeSpan.FromSeconds(5));
        var ended = Step(reading);
        Assert.Null(ended.SetPoint);
        Assert.Equal(FrequencyEventEnd.FrequencyUnknown, ended.Ended!.EndReason);
    }

    [Fact]
    public void Over_frequency_charges_below_max_SoC_and_not_at_it_nor_when_turned_off()
    {
        Soc = 60;
        var charging = Run(50.3, TimeSpan.FromSeconds(5));
        Assert.Equal(Power.FromWatts(3000), charging[^1].SetPoint);
        Assert.Equal(FrequencyEventKind.Over, charging[^1].Active!.Kind);

        _response = new FrequencyResponseController(new FrequencyResponseSettings());
        Soc = 80;
        Assert.All(Run(50.3, TimeSpan.FromSeconds(10)), s => Assert.Null(s.SetPoint));

        _response = new FrequencyResponseController(new FrequencyResponseSettings { ChargeOnOverFrequency = false });
        Soc = 60;
        Assert.All(Run(50.3, TimeSpan.FromSeconds(10)), s => Assert.Null(s.SetPoint));
    }

    [Fact]
    public void The_power_stays_within_the_charger_and_the_user_and_a_charge_only_charger_never_discharges()
    {
        Car = new ChargeSettings { MaxDischargePower = Power.FromWatts(2000) };
        Assert.Equal(Power.FromWatts(-2000), Run(49.7, TimeSpan.FromSeconds(5))[^1].SetPoint);

        _response = new FrequencyResponseController(new FrequencyResponseSettings());
        Car = new ChargeSettings();
        var chargeOnly = ChargerCapabilities.ForCurrent(false, 1, 6, 32);
        for (var i = 0; i < 10; i++)
        {
            Assert.Null(Step(49.7, chargeOnly).SetPoint);
            _clock.Advance(Second);
        }
    }

    [Fact]
    public void Unplugging_the_car_ends_an_event()
    {
        Run(49.7, TimeSpan.FromSeconds(5));
        Connected = false;

        var stopped = Step(49.7);

        Assert.Equal(FrequencyEventEnd.Stopped, stopped.Ended!.EndReason);
        Assert.Null(stopped.SetPoint);
    }
}

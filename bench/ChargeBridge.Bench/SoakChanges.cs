using System.Globalization;
using System.Text.Json.Nodes;
using ChargeBridge.Apps.V2G;
using ChargeBridge.Devices.Quasar;
using ChargeBridge.Core.Control;
using ChargeBridge.Core.Prices;
using ChargeBridge.Core.Units;
using ChargeBridge.HassModel.Fake;
using ChargeBridge.Host.Demo;

namespace ChargeBridge.Bench;

/// <summary>
/// What a household's Home Assistant and car change over time, applied minute by minute at the same rates in real and in
/// virtual time: a new price list every 15 minutes (the demo's two days moved to the current day, scaled by a factor that
/// varies); the car integration's SoC sensor in whole percent whenever the simulated battery's SoC (moving as the app
/// commands) crosses one; the calendar edited every 5 minutes (the daily trip moved, a short errand added and removed);
/// the charge mode set every 10 minutes (Pause, Automatic, Max boost now, Automatic); the WebSocket dropped every
/// <paramref name="dropEvery"/> (20 minutes by default: at minute 10, 30, …). Each day's trip takes the car away (unplugged) and brings it back 25 % lower.
/// </summary>
internal sealed class SoakChanges(DemoScenario scenario, HomeAssistantFake fake, QuasarSimulator charger, TimeSpan dropEvery)
{
    public const string SocSensor = "sensor.car_soc";
    public static readonly TimeSpan PriceInterval = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan CalendarInterval = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan ModeInterval = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan DefaultDropInterval = TimeSpan.FromMinutes(20);
    private static readonly ChargeMode[] Modes = [ChargeMode.Pause, ChargeMode.Automatic, ChargeMode.MaxBoostNow, ChargeMode.Automatic];
    private const double TripSocPoints = 25;

    private int? _publishedSoc;
    private bool _away;

    public int PriceUpdates { get; private set; }
    public int CalendarEdits { get; private set; }
    public int ModeChanges { get; private set; }
    public int Drops { get; private set; }

    /// <summary>Applies what is due <paramref name="minute"/> minutes after the start, at <paramref name="now"/>, but
    /// the WebSocket drop (<see cref="DropDue"/>, <see cref="Drop"/>), which a caller in virtual time must wait out.</summary>
    public void Apply(int minute, DateTimeOffset now)
    {
        var day = Day(now);
        var elapsed = TimeSpan.FromMinutes(minute);
        if (elapsed.Ticks % PriceInterval.Ticks == 0) PublishPrices(day);
        if (elapsed.Ticks % CalendarInterval.Ticks == 0) EditCalendar(day, now);
        if (minute > 0 && elapsed.Ticks % ModeInterval.Ticks == 0)
        {
            fake.SetState(V2GEntities.Default.ChargeMode.EntityId, V2GEntities.ModeNames[Modes[ModeChanges++ % Modes.Length]]);
        }
        MoveCar(now, day);
        var soc = (int)Math.Round(charger.Snapshot().SocPct);
        if (soc != _publishedSoc)
        {
            fake.SetState(SocSensor, soc.ToString(CultureInfo.InvariantCulture),
                new JsonObject { ["unit_of_measurement"] = "%", ["device_class"] = "battery" });
            _publishedSoc = soc;
        }
    }

    public bool DropDue(int minute) => (TimeSpan.FromMinutes(minute) - dropEvery / 2).Ticks % dropEvery.Ticks == 0;

    public void Drop()
    {
        fake.DropConnections();
        Drops++;
    }

    /// <summary>Whole days since the scenario's start: each day repeats the demo's day, moved.</summary>
    private int Day(DateTimeOffset now) => (int)Math.Floor((now - scenario.Start) / TimeSpan.FromDays(1));

    private void PublishPrices(int day)
    {
        var factor = 0.9 + 0.05 * (PriceUpdates % 5);
        var shift = TimeSpan.FromDays(day);
        DemoDay.PublishPrices(fake, new TimeSeries<EnergyPrice>(
            scenario.Prices.Points.Select(p => p with { Start = p.Start + shift, Value = new EnergyPrice(p.Value.EurPerKwh * factor) }),
            scenario.Prices.Resolution));
        PriceUpdates++;
    }

    /// <summary>Today's and tomorrow's trips, moved by 0-25 minutes; every other edit also an errand 3 hours ahead.</summary>
    private void EditCalendar(int day, DateTimeOffset now)
    {
        var jitter = TimeSpan.FromMinutes(5 * (CalendarEdits % 6));
        var events = new List<FakeCalendarEvent> { Trip(day - 1, jitter), Trip(day, jitter) };
        var errandStart = now + TimeSpan.FromHours(3);
        if (CalendarEdits % 2 == 1) events.Add(new FakeCalendarEvent(errandStart, errandStart + TimeSpan.FromHours(1), "Shopping", "20 km"));
        fake.SetCalendarEvents(DemoScenario.Calendar, events);
        // HA's calendar entity shows the next event in its attributes; the app re-reads the calendar when they change.
        var next = events.Where(e => e.End > now).MinBy(e => e.Start)!;
        fake.SetState(DemoScenario.Calendar, "off", new JsonObject
        {
            ["friendly_name"] = "Car", ["message"] = next.Summary, ["start_time"] = next.Start.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        });
        CalendarEdits++;
    }

    private FakeCalendarEvent Trip(int day, TimeSpan jitter) =>
        scenario.Trip with { Start = scenario.Trip.Start + TimeSpan.FromDays(day) + jitter, End = scenario.Trip.End + TimeSpan.FromDays(day) + jitter };

    /// <summary>Unplugs the car while a day's trip (without the edits' jitter) is under way, plugs it back in afterwards.</summary>
    private void MoveCar(DateTimeOffset now, int day)
    {
        var travelling = Enumerable.Range(day - 1, 2).Select(d => Trip(d, TimeSpan.Zero)).Any(t => t.Start <= now && now < t.End);
        if (travelling && !_away)
        {
            charger.Unplug();
            _away = true;
        }
        else if (!travelling && _away)
        {
            charger.PlugIn(new Percent(Math.Max(10, charger.Snapshot().SocPct - TripSocPoints)));
            _away = false;
        }
    }
}

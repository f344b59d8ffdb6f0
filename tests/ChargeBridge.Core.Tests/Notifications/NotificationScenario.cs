using ChargeBridge.Core.Calendar;
using ChargeBridge.Core.Chargers;
using ChargeBridge.Core.Control;
using ChargeBridge.Core.Notifications;
using ChargeBridge.Core.Planning;
using ChargeBridge.Core.Prices;
using ChargeBridge.Core.Settings;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Tests.Notifications;

/// <summary>Builds the observations a control loop would hand the notifications, one step at a time from <see cref="Start"/>.</summary>
internal sealed class NotificationScenario
{
    public static readonly DateTimeOffset Start = new(2026, 3, 10, 9, 0, 0, TimeSpan.Zero);
    public static readonly IReadOnlyDictionary<ChargeMode, string> ModeNames = new Dictionary<ChargeMode, string>
    {
        [ChargeMode.Automatic] = "Automatic", [ChargeMode.MaxBoostNow] = "Max boost now",
        [ChargeMode.MaxDischargeNow] = "Max discharge now", [ChargeMode.Pause] = "Pause",
    };
    private static readonly ChargerCapabilities Quasar = new(true, SetPointUnit.Watts, Power.FromWatts(7400), Power.FromWatts(7400));

    public NotificationPolicy Policy { get; } = new(TimeZoneInfo.Utc, ModeNames);
    public DateTimeOffset Now { get; set; } = Start;

    /// <summary>Prices for three days from the start, so price alerts stay quiet unless a test changes them.</summary>
    public TimeSeries<EnergyPrice>? Prices { get; set; } = Hourly(72, _ => 0.20);

    public static TimeSeries<EnergyPrice> Hourly(int hours, Func<int, double> eurPerKwh) =>
        new(Enumerable.Range(0, hours).Select(h => new TimePoint<EnergyPrice>(Start.AddHours(h), new EnergyPrice(eurPerKwh(h)))), TimeSpan.FromHours(1));

    /// <summary>A faulted charger does not answer, unless <paramref name="errorState"/>: then it answers with that error.</summary>
    public static ChargerStatus Status(DateTimeOffset at, bool? car, double? soc, double actualW = 0, bool faulted = false, string? errorState = null) =>
        new(at, faulted ? ChargerState.Faulted : car != true ? ChargerState.NoCar : Flowing(actualW), faulted ? null : car,
            Power.FromWatts(actualW), soc is { } s && car == true && !faulted ? new Percent(s) : null, false, false, !faulted || errorState is not null,
            faulted ? errorState ?? "no answer" : null, null, "");

    /// <summary>With a car: waiting while no power flows (for the car or a set point), else charging or discharging.</summary>
    private static ChargerState Flowing(double actualW) =>
        actualW > 0 ? ChargerState.Charging : actualW < 0 ? ChargerState.Discharging : ChargerState.Waiting;

    /// <summary>One step <paramref name="minutes"/> after the previous; returns the commands it called for.</summary>
    public IReadOnlyList<NotificationCommand> Step(double minutes, bool? car = true, double? soc = 50, double setPointW = 0, double actualW = 0,
        bool faulted = false, ChargeMode mode = ChargeMode.Automatic, ChargeMode? newMode = null, bool ask = false, bool release = false,
        Schedule? schedule = null, IReadOnlyList<CalendarEvent>? events = null, string? errorState = null) =>
        Policy.Step(Observe(minutes, car, soc, setPointW, actualW, faulted, mode, newMode, ask, release, schedule, events, errorState));

    public NotificationObservation Observe(double minutes, bool? car = true, double? soc = 50, double setPointW = 0, double actualW = 0,
        bool faulted = false, ChargeMode mode = ChargeMode.Automatic, ChargeMode? newMode = null, bool ask = false, bool release = false,
        Schedule? schedule = null, IReadOnlyList<CalendarEvent>? events = null, string? errorState = null)
    {
        Now = Now.AddMinutes(minutes);
        var status = Status(Now, car, soc, actualW, faulted, errorState);
        var input = new ControlInput(Now, mode, status.StateOfCharge, status.CarConnected == true, status.CarConnected == true, faulted, null,
            new ChargeSettings(), Quasar, new Percent(97));
        var command = release ? ChargerCommand.Release : ChargerCommand.Set(Power.FromWatts(setPointW));
        var decision = new ControlDecision(Now, command, newMode ?? mode, "test", ask, null);
        return new NotificationObservation(status, input, decision, schedule, events ?? [], Prices);
    }

    public static IEnumerable<SendNotification> Sent(IEnumerable<NotificationCommand> commands, string tag) =>
        commands.OfType<SendNotification>().Where(s => s.Notification.Tag == tag);

    public static bool Cleared(IEnumerable<NotificationCommand> commands, string tag) =>
        commands.OfType<ClearNotification>().Any(c => c.Tag == tag);
}

using System.Globalization;
using ChargeBridge.Core.Calendar;
using ChargeBridge.Core.Control;
using ChargeBridge.Core.PriceFeeds;
using ChargeBridge.Core.Prices;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Notifications;

/// <summary>
/// Which notifications the steps call for (product-behaviour.md, "Notifications"). Each step's observation gives the
/// conditions that hold now; a condition is announced once when it starts (or a new occurrence of it does) and,
/// when it is over, its notification is cleared or replaced by its recovery message. Mode changes the controller
/// made and unplugging are announced once as they happen. Answers from the phone update what is asked and which
/// calendar events are dismissed. Not thread-safe: the caller serialises steps and answers.
/// <paramref name="modeNames"/> are the charge modes as users see them.
/// </summary>
public sealed class NotificationPolicy(TimeZoneInfo zone, IReadOnlyDictionary<ChargeMode, string> modeNames)
{
    /// <summary>Without a new schedule for this long while one is needed, the user is told.</summary>
    public static readonly TimeSpan ScheduleAlertAfter = TimeSpan.FromHours(1);
    /// <summary>Negative prices are announced this far ahead.</summary>
    public static readonly TimeSpan NegativePriceLookahead = TimeSpan.FromHours(24);
    /// <summary>Local time by which tomorrow's day-ahead prices are normally out (they arrive around 13:00–14:00).</summary>
    public static readonly TimeSpan PricesPublishedBy = TimeSpan.FromHours(15);
    /// <summary>A shortfall a late departure can make up is told in minutes; a longer one as the SoC reachable in time.</summary>
    /// <summary>How long a restart the driver made by itself stays an alert.</summary>
    private static readonly TimeSpan RestartNews = TimeSpan.FromHours(1);
    private static readonly TimeSpan LateAtMost = TimeSpan.FromHours(1);
    /// <summary>Ended events are kept this long for the plug-in reminder (the calendar read no longer returns them).</summary>
    private static readonly TimeSpan RememberEndedFor = TimeSpan.FromDays(1);

    private readonly Dictionary<string, ActiveAlert> _active = [];
    private readonly Dictionary<string, CalendarEvent> _events = [];
    private readonly HashSet<string> _answeredEvents = [];
    private readonly HashSet<string> _dismissedEvents = [];
    private bool? _carConnected;
    private Percent? _lastSoc;
    private bool _belowMaxThisSession;
    private string? _askedToSwitchFrom;
    private object? _lastSchedule;
    private DateTimeOffset? _scheduleWantedSince;

    /// <summary>The conditions that hold, the most recent first.</summary>
    public IReadOnlyList<ActiveAlert> Active => _active.Values.OrderByDescending(a => a.Since).ThenBy(a => a.Tag, StringComparer.Ordinal).ToList();

    /// <summary>The id a calendar event's buttons carry: its start in UTC, which the calendar read gives the same every time.</summary>
    public static string EventId(CalendarEvent e) => e.Start.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Whether the user dismissed <paramref name="e"/>: it then neither blocks charging nor sets a target.</summary>
    public bool IsDismissed(CalendarEvent e) => _dismissedEvents.Contains(EventId(e));

    /// <summary>Takes an answer into account; the next step clears what it settled.</summary>
    public void Answer(NotificationAnswer answer)
    {
        switch (answer.Choice)
        {
            case NotificationChoice.SwitchToAutomatic or NotificationChoice.KeepMode:
                _askedToSwitchFrom = null;
                break;
            case NotificationChoice.KeepEvent:
                _answeredEvents.Add(answer.EventId!);
                break;
            case NotificationChoice.DismissEvent:
                _answeredEvents.Add(answer.EventId!);
                _dismissedEvents.Add(answer.EventId!);
                break;
        }
    }

    public IReadOnlyList<NotificationCommand> Step(NotificationObservation o)
    {
        var commands = new List<NotificationCommand>();
        var status = o.Status;
        var newSchedule = o.Schedule is not null && !ReferenceEquals(o.Schedule, _lastSchedule) && !o.ScheduleFromFallback;
        _lastSchedule = o.Schedule;

        if (o.Decision.Mode != o.Input.Mode)
            commands.Add(new SendNotification(ProductNotifications.ChargeModeChanged(modeNames[o.Input.Mode], modeNames[o.Decision.Mode])));
        // Edges as the charger reported them: a faulted charger cannot tell whether a car is there, so the last answer counts.
        var pluggedIn = status.CarConnected == true && _carConnected == false;
        if (status.CarConnected == false && _carConnected == true)
        {
            commands.Add(new SendNotification(ProductNotifications.CarDisconnected(_lastSoc)));
            _belowMaxThisSession = false;
        }
        if (status.CarConnected is { } connected) _carConnected = connected;
        if (status.CarConnected == true && status.StateOfCharge is { } soc)
        {
            _lastSoc = soc;
            if (soc < o.Input.Settings.MaxSoc) _belowMaxThisSession = true;
        }
        // The control loop sees a fault's end as a plug-in; only a real one is worth the question.
        if (o.Decision.AskToSwitchToAutomatic && pluggedIn) _askedToSwitchFrom = modeNames[o.Decision.Mode];
        if (o.Decision.Mode == ChargeMode.Automatic || status.CarConnected == false) _askedToSwitchFrom = null;
        RememberEvents(o);
        var overdueSince = ScheduleOverdue(o, newSchedule);

        var now = Conditions(o, overdueSince).ToList();
        foreach (var (tag, was) in _active)
        {
            // A new occurrence under a tag replaces the old one on the phone; an ended one is cleared or recovered.
            if (now.Any(a => a.Tag == tag)) continue;
            // The schedule recovers only by a new one; unplugging just ends the need.
            var recovers = was.Recovery is not null && (tag != NotificationTags.Schedule || newSchedule);
            commands.Add(recovers ? new SendNotification(was.Recovery!) : new ClearNotification(tag));
        }
        var announced = new Dictionary<string, ActiveAlert>();
        foreach (var alert in now)
        {
            if (_active.TryGetValue(alert.Tag, out var was) && was.Occurrence == alert.Occurrence)
            {
                announced[alert.Tag] = was; // keeps the text and start the user saw
                continue;
            }
            commands.Add(new SendNotification(alert.Notification));
            announced[alert.Tag] = alert;
        }
        _active.Clear();
        foreach (var (tag, alert) in announced) _active[tag] = alert;
        return commands;
    }

    private IEnumerable<ActiveAlert> Conditions(NotificationObservation o, DateTimeOffset? overdueSince)
    {
        var at = o.At;
        var status = o.Status;
        var settings = o.Input.Settings;
        var connected = status.CarConnected == true;
        var soc = connected ? status.StateOfCharge : null;

        if (status.IsFaulted)
            yield return new(status.Reachable
                    ? ProductNotifications.ChargerError(status.FaultReason ?? status.DeviceStateText, _carConnected == true)
                    : ProductNotifications.ChargerCommunicationLost(_carConnected == true),
                "fault", at, ProductNotifications.ChargerCommunicationRestored());

        // A restart the driver made by itself is news for an hour, whether it worked or a person must step in.
        if (status.LastRestart is { } restart && at - restart.At < RestartNews)
            yield return new(ProductNotifications.ChargerRestarted(restart, zone), restart.At.UtcTicks.ToString(CultureInfo.InvariantCulture), at);

        // Both block remote control until the user acts, so the notification says what to do. Paused, control is the
        // charger's app's by the user's choice, and its schedule is no problem.
        if (status.ControlledByApp && o.Decision.Command.Kind != ChargerCommandKind.ReleaseToApp)
            yield return new(ProductNotifications.ChargerControlledByAppSchedule(), "app schedule", at);
        if (status.Locked)
            yield return new(ProductNotifications.ChargerLocked(), "locked", at);

        var setPoint = o.Decision.Command.Kind == ChargerCommandKind.SetPower ? o.Decision.Command.SetPoint : Power.Zero;
        if (soc is { } low && low < settings.MinSoc && setPoint.IsCharging)
        {
            var toMinimum = new Percent(settings.MinSoc.Value - low.Value).Of(settings.Capacity) * (1 / settings.ChargeEfficiency);
            var eta = at + TimeSpan.FromHours(toMinimum.KilowattHours / setPoint.Kilowatts);
            yield return new(ProductNotifications.BelowMinimumSoc(low, settings.MinSoc, eta, zone), "below", at);
        }

        if (soc is { } high && high >= settings.MaxSoc && _belowMaxThisSession && !setPoint.IsCharging)
            yield return new(ProductNotifications.MaxSocReached(high), "reached", at);

        if (overdueSince is { } since)
            yield return new(ProductNotifications.NoNewSchedule(since, zone), "overdue", at, ProductNotifications.ScheduleRecovered());

        if (connected && o.Schedule?.Targets.FirstOrDefault(t => !t.Met && t.Target.At > at) is { } missed)
            yield return new(TargetUnreachable(o, missed), missed.Target.At.UtcTicks.ToString(CultureInfo.InvariantCulture), at);

        // Through a fault the reminders go by the last connection the charger reported, so a question is not withdrawn and asked again.
        if (_carConnected is { } plugged)
        {
            var due = CalendarReminders.Due(at, plugged ? o.Events : _events.Values, plugged)
                .FirstOrDefault(r => r.Kind == ReminderKind.PlugIn || !_answeredEvents.Contains(EventId(r.Event)));
            if (due is { Kind: ReminderKind.KeepOrDismissEvent })
                yield return new(ProductNotifications.KeepOrDismissEvent(due.Event.Title, EventId(due.Event)), EventId(due.Event), at);
            if (due is { Kind: ReminderKind.PlugIn })
                yield return new(ProductNotifications.ReminderToConnect(due.Event.Title), EventId(due.Event), at);
        }

        if (_askedToSwitchFrom is { } mode)
            yield return new(ProductNotifications.SwitchToAutomatic(mode), mode, at);

        // A connected car is planned to charge in those hours anyway: the advice to connect is for one that is away
        // (by the last connection the charger reported, so a fault does not send it).
        if (_carConnected != true && o.Prices is { } prices && PriceAlerts.NegativePricesAhead(prices, at, NegativePriceLookahead) is { } window)
            yield return new(ProductNotifications.NegativePricesAhead(window, zone), window.Start.UtcTicks.ToString(CultureInfo.InvariantCulture), at);

        if (o.MissingHelpers.Count > 0)
            yield return new(ProductNotifications.HelpersMissing(o.MissingHelpers), string.Join(",", o.MissingHelpers.Select(m => m.EntityId)), at,
                ProductNotifications.HelpersCreated());

        var coverage = PriceAlerts.Coverage(o.Prices ?? new TimeSeries<EnergyPrice>([], TimeSpan.FromHours(1)), at, zone, PricesPublishedBy);
        if (coverage.Missing)
            yield return new(ProductNotifications.PriceDataMissing(coverage, zone), "missing", at, ProductNotifications.PriceDataRecovered());
    }

    /// <summary>Since when no new schedule came while a connected car with a known SoC needs one, once that is an hour or more.</summary>
    private DateTimeOffset? ScheduleOverdue(NotificationObservation o, bool newSchedule)
    {
        if (o.Status.CarConnected != true || o.Status.StateOfCharge is null)
        {
            _scheduleWantedSince = null;
            return null;
        }
        if (newSchedule || _scheduleWantedSince is null) _scheduleWantedSince = o.At;
        return o.At - _scheduleWantedSince >= ScheduleAlertAfter ? _scheduleWantedSince : null;
    }

    /// <summary>The shortfall in minutes late at full power when a short delay makes it up, else the SoC the plan reaches.</summary>
    private MobileNotification TargetUnreachable(NotificationObservation o, Planning.TargetOutcome missed)
    {
        var settings = o.Input.Settings;
        var title = o.Events.FirstOrDefault(e => e.Start == missed.Target.At)?.Title ?? "the next trip";
        var full = SafetyEnvelope.MaxCharge(o.Input.Safety);
        TimeSpan? late = full.IsCharging
            ? TimeSpan.FromHours(missed.Shortfall.Of(settings.Capacity).KilowattHours / settings.ChargeEfficiency / full.Kilowatts)
            : null;
        return ProductNotifications.TargetUnreachable(title, missed.Target.At, missed.Target.Soc, missed.ExpectedSoc,
            late <= LateAtMost ? late : null, zone);
    }

    /// <summary>
    /// Keeps the events read for the plug-in reminder: an event that drops out of the read after it ended is still
    /// remembered for a day; one that drops out before it ended was deleted and is forgotten.
    /// </summary>
    private void RememberEvents(NotificationObservation o)
    {
        // Two events may start in the same minute; they share an id (their buttons do too), so the first one stands for both.
        var current = o.Events.DistinctBy(EventId).ToDictionary(EventId);
        foreach (var (id, e) in _events.ToList())
            if (!current.ContainsKey(id) && (e.End > o.At || e.End + RememberEndedFor < o.At))
                _events.Remove(id);
        foreach (var (id, e) in current) _events[id] = e;
    }
}

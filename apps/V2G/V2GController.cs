using System.Reactive.Linq;
using ChargeBridge.Apps.V2G.Notifications;
using ChargeBridge.Apps.V2G.Statistics;
using ChargeBridge.Core.Calendar;
using ChargeBridge.Core.Chargers;
using ChargeBridge.Core.Control;
using ChargeBridge.Core.Notifications;
using ChargeBridge.Core.Planning;
using ChargeBridge.Core.Settings;
using ChargeBridge.Core.Units;
using ChargeBridge.FlexMeasures.Outbox;
using ChargeBridge.FlexMeasures.Planning;
using ChargeBridge.HassModel;
using Microsoft.Extensions.Logging;

namespace ChargeBridge.Apps.V2G;

/// <summary>
/// The V2G loop: each step reads the charger, the settings, the calendar and the prices, re-plans when
/// <see cref="ReplanTriggers"/> says so, and executes the current slot through <see cref="ChargeModeController"/>
/// (which applies the safety envelope). Steps run one at a time, every minute, on a charger state change and at once
/// when the mode select changes. Decisions live in the core; this class only moves data between HA, the charger and it.
/// </summary>
internal sealed class V2GController(
    IHaContext ha,
    SensorPublisher publisher,
    ICharger charger,
    IPlanner planner,
    IPriceSource prices,
    CalendarReader calendar,
    TimeProvider time,
    Percent practicalMax,
    TimeZoneInfo zone,
    ILogger logger,
    V2GNotifier notifier,
    string? socEntity,
    ChargingStatistics statistics,
    MeasurementRecorder? measurements) : IDisposable
{
    public static readonly TimeSpan TickInterval = TimeSpan.FromMinutes(1);
    /// <summary>Calendar edits are rarely urgent; reading every few minutes keeps calls to HA low.</summary>
    public static readonly TimeSpan CalendarInterval = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan SlotLength = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly List<IDisposable> _subscriptions = [];
    private ITimer? _timer;
    private int _pending;
    private int _completed;
    private PlanningSnapshot? _planned;
    private IReadOnlyList<CalendarEvent> _events = [];
    private DateTimeOffset? _calendarDue;
    private bool _wasConnected;
    private readonly ChargerCommandGate _commands = new();
    private ChargeMode _mode = ChargeMode.Automatic;
    private readonly SocHistory _socHistory = new();
    private readonly ChargeModeSelect _select = new(ha);
    private int _calendarChanged;
    private DateTimeOffset _recordedUntil = DateTimeOffset.MinValue;
    private bool _scheduleFromFallback;

    public Schedule? Schedule { get; private set; }
    public CalendarPlan? CalendarPlan { get; private set; }
    /// <summary>Why the current schedule was planned.</summary>
    public IReadOnlyList<ReplanReason> PlannedFor { get; private set; } = [];
    /// <summary>Steps finished so far and whether one is queued or running (tests in virtual time wait on these).</summary>
    public int CompletedSteps => Volatile.Read(ref _completed);
    public bool Busy => Volatile.Read(ref _pending) > 0;

    public void Start()
    {
        // A helper (mode, settings, markup, VAT), the price entity or the car's SoC entity changing is a re-plan trigger: step at once.
        var watched = V2GEntities.Helpers.Select(h => h.EntityId).Append(prices.Entity).Append(socEntity).OfType<string>().ToHashSet();
        _subscriptions.Add(ha.StateAllChanges().Where(c => watched.Contains(c.Entity.EntityId)).Subscribe(_ => Trigger()));
        _subscriptions.Add(ha.Entity(calendar.Entity).StateAllChanges().Subscribe(_ =>
        {
            Volatile.Write(ref _calendarChanged, 1);
            Trigger();
        }));
        _subscriptions.Add(charger.StatusChanges.DistinctUntilChanged(s => (s.State, s.CarConnected, s.Locked, s.ControlledByApp)).Subscribe(_ => Trigger()));
        _timer = time.CreateTimer(_ => Trigger(), null, TimeSpan.Zero, TickInterval);
    }

    private void Trigger()
    {
        Interlocked.Increment(ref _pending);
        _ = RunStepAsync();
    }

    private async Task RunStepAsync()
    {
        try
        {
            await StepAsync(CancellationToken.None);
        }
        catch (Exception e)
        {
            // One failed step (HA away, a planner error) must not end the loop: the next tick tries again.
            logger.LogError(e, "V2G step failed");
        }
        finally
        {
            Interlocked.Increment(ref _completed);
            Interlocked.Decrement(ref _pending);
        }
    }

    private async Task StepAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            var now = time.GetUtcNow();
            var status = await charger.RefreshAsync(ct);
            var settings = HelperSettings.Read(ha, charger.Capabilities.MaxChargePower, out var errors);
            if (errors.Count > 0) logger.LogWarning("Invalid settings, using the defaults: {Errors}", string.Join("; ", errors.Select(e => e.Message)));
            _mode = _select.Read(_mode);
            await RefreshCalendarAsync(now);
            var events = notifier.WithoutDismissed(_events);
            CalendarPlan = CalendarPlan.From(events, now, settings, practicalMax);
            var (priceData, priceProblem) = await ReadPricesAsync(now, ct);
            // While the charger does not answer, whether a car is connected is unknown: keep the last known answer, so a
            // fault neither ends a boost as an unplug would nor looks like a new plug-in when it clears.
            var connected = status.CarConnected ?? (status.IsFaulted && _wasConnected);
            var soc = CarSoc.Choose(socEntity is null ? null : ha.GetState(socEntity), status.StateOfCharge);

            // A plan outlives an unplug, but the next plug-in must still count as the car connecting.
            if (!connected && _planned is { CarConnected: true }) _planned = _planned with { CarConnected = false };
            var snapshot = new PlanningSnapshot(now, settings, connected, _mode, CalendarPlan.Fingerprint, soc, priceData?.ReceivedAt);
            var reasons = ReplanTriggers.Evaluate(_planned, snapshot);
            if (reasons.Count > 0)
            {
                Schedule = await PlanAsync(snapshot, CalendarPlan, priceData, priceProblem, reasons, ct);
                _planned = snapshot;
                PlannedFor = reasons;
                _scheduleFromFallback = planner is FallbackPlanner { LastSource: not PlanSource.FlexMeasures };
            }

            var slot = Schedule?.Slots.FirstOrDefault(s => s.Start <= now && now < s.End);
            var input = new ControlInput(now, _mode, soc, connected, _wasConnected,
                status.IsFaulted, slot?.SetPoint, settings, charger.Capabilities, practicalMax);
            var decision = ChargeModeController.Decide(input);
            _wasConnected = connected;
            await ExecuteAsync(decision, status, ct);
            Record(now, status, connected, soc, priceData, settings);
            try
            {
                await notifier.ObserveAsync(new NotificationObservation(status with { StateOfCharge = soc }, input, decision, Schedule, events, priceData?.Prices)
                    { ScheduleFromFallback = _scheduleFromFallback }, ct);
                await V2GSensors.PublishAsync(publisher, status with { StateOfCharge = soc }, decision, slot, Schedule, CalendarPlan, _socHistory.Points, ct);
                await ChartSensors.PublishAsync(publisher, now, priceData?.Prices, Schedule, events, settings, practicalMax, ct);
                await StatisticsSensors.PublishAsync(publisher, statistics.View(now), ct);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // The charger has its command already; unpublished sensors go out with the next step.
                logger.LogWarning("Sensors not published: {Reason}", e.Message);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The prices, or none with the reason: a price source failing in a way nobody foresaw must not cost the
    /// step its charger command.</summary>
    private async Task<PriceRead> ReadPricesAsync(DateTimeOffset now, CancellationToken ct)
    {
        try
        {
            return await prices.ReadAsync(now, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogError(e, "Prices not read");
            return new PriceRead(null, "prices not read: " + e.Message);
        }
    }

    private async Task RefreshCalendarAsync(DateTimeOffset now)
    {
        var changed = Interlocked.Exchange(ref _calendarChanged, 0) == 1;
        if (!changed && _calendarDue is { } due && now < due) return;
        // Due again after the interval even when this read fails, so HA being away costs one wait per interval, not per tick.
        _calendarDue = now + CalendarInterval;
        CalendarParseResult result;
        try
        {
            result = await calendar.ReadAsync(now, zone);
        }
        catch (Exception e) when (e is HaConnectionException or HaCommandException or TimeoutException)
        {
            // HA away or the calendar refusing must not stop control: the events read last still hold; retry next tick.
            logger.LogWarning("Calendar not read, keeping the {Count} events read before: {Reason}", _events.Count, e.Message);
            return;
        }
        foreach (var skipped in result.Skipped) logger.LogWarning("Calendar event skipped: {Reason}", skipped);
        _events = result.Events;
    }

    /// <summary>A new schedule, or none (so the car idles at 0 W) when prices or the SoC are missing or planning fails.</summary>
    private async Task<Schedule?> PlanAsync(PlanningSnapshot snapshot, CalendarPlan plan, PriceData? priceData, string? priceProblem,
        IReadOnlyList<ReplanReason> reasons, CancellationToken ct)
    {
        if (priceData is null)
        {
            logger.LogWarning("No schedule: {Problem}", priceProblem);
            return null;
        }
        if (snapshot.Soc is not { } soc)
        {
            logger.LogInformation("No schedule: the car's SoC is not known");
            return null;
        }
        var request = new PlanRequest
        {
            Start = new DateTimeOffset(snapshot.At.UtcTicks / SlotLength.Ticks * SlotLength.Ticks, TimeSpan.Zero),
            SlotLength = SlotLength,
            Soc = soc,
            Settings = snapshot.Settings,
            Targets = plan.Targets,
            Absences = plan.Absences,
            BuyPrices = priceData.Prices,
        };
        try
        {
            var schedule = await planner.PlanAsync(request, ct);
            logger.LogInformation("{Decision}", DecisionText.Planned(schedule, reasons, zone));
            return schedule;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Whatever the planner throws, the step goes on to command the charger: otherwise the last set point (maybe a
            // discharge) would stay in force with nobody applying the safety envelope.
            logger.LogError(e, "No schedule: planning failed");
            return null;
        }
    }

    /// <summary>What each step observed goes to the statistics, the SoC chart and (when configured) FlexMeasures' outbox.</summary>
    private void Record(DateTimeOffset now, ChargerStatus status, bool connected, Percent? soc, PriceData? priceData, ChargeSettings settings)
    {
        // The recorders take observations in time order; a clock set back is skipped until it catches up, not a failed step.
        if (now < _recordedUntil) return;
        _recordedUntil = now;
        _socHistory.Add(now, soc);
        try
        {
            statistics.Record(now, status.ActualPower, connected, soc, priceData?.Prices, settings);
            // FlexMeasures gets no SoC it would have to guess: a step without one is left out.
            if (soc is { } known) measurements?.Record(new MeasurementSample(now, status.ActualPower, known, connected && !status.IsFaulted));
        }
        catch (Exception e) when (e is IOException or System.Data.Common.DbException)
        {
            // The charger has its command already; a full disk costs statistics, not control.
            logger.LogWarning("Measurements not recorded: {Reason}", e.Message);
        }
    }

    private async Task ExecuteAsync(ControlDecision decision, ChargerStatus status, CancellationToken ct)
    {
        if (decision.Mode != _mode)
        {
            logger.LogInformation("Mode {From} -> {To}: {Reason}", _mode, decision.Mode, decision.Reason);
            _mode = decision.Mode;
        }
        _select.Show(_mode);
        if (decision.AskToSwitchToAutomatic) logger.LogInformation("Car plugged in while in {Mode}", decision.Mode);
        if (!_commands.ShouldSend(decision.Command, status.CarConnected, status.StateOfCharge is not null)) return;
        var result = decision.Command.Kind == ChargerCommandKind.ReleaseToApp
            ? await charger.ReleaseAsync(ct)
            : await charger.SetPowerAsync(decision.Command.SetPoint, ct);
        if (result.Succeeded) logger.LogInformation("{Decision}", DecisionText.Commanded(decision.Command, decision.Reason));
        else logger.LogWarning("Charger refused {Command}: {Reason}", decision.Command, result.Reason);
        _commands.Sent(decision.Command, result.Succeeded);
    }

    public void Dispose()
    {
        _timer?.Dispose();
        foreach (var subscription in _subscriptions) subscription.Dispose();
    }
}

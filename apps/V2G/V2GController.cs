using ChargeBridge.Core.Statistics;
using System.Reactive.Linq;
using ChargeBridge.Apps.V2G.Notifications;
using ChargeBridge.Apps.V2G.Prices;
using ChargeBridge.Apps.V2G.Statistics;
using ChargeBridge.Core.Calendar;
using ChargeBridge.Core.Chargers;
using ChargeBridge.Core.Control;
using ChargeBridge.Core.HomePower;
using ChargeBridge.Core.Notifications;
using ChargeBridge.Core.Planning;
using ChargeBridge.Core.Prices;
using ChargeBridge.Core.Settings;
using ChargeBridge.Core.Site;
using ChargeBridge.Core.Units;
using ChargeBridge.FlexMeasures.Outbox;
using ChargeBridge.HassModel;
using ChargeBridge.HassModel.Helpers;
using Microsoft.Extensions.Logging;

namespace ChargeBridge.Apps.V2G;

/// <summary>
/// The V2G loop: each step reads the charger, the settings, the calendar and the prices, re-plans when
/// <see cref="ReplanTriggers"/> says so, and executes the current slot through <see cref="ChargeModeController"/>
/// (which applies the safety envelope). Steps run one at a time, every minute, on a charger state change and at once
/// when the mode select changes. Nothing HA answers late holds up a charger command: the calendar and slow price
/// sources are read beside the loop (<see cref="BackgroundRead{T}"/>) and the sensors are published after the command,
/// also beside it (<see cref="LatestPublish"/>). Decisions live in the core; this class only moves data between HA, the
/// charger and it.
/// </summary>
internal sealed class V2GController(
    IHaContext ha,
    ISensorPublisher publisher,
    LoadpointSetup loadpoint,
    IPlanner planner,
    IPriceSource prices,
    TimeProvider time,
    TimeZoneInfo zone,
    ILogger logger,
    V2GNotifier notifier,
    StoredStatistics statistics,
    MeasurementRecorder? measurements,
    HelperUpkeep? helpers = null,
    Func<DateTimeOffset, TimeSpan, SiteForecast?>? site = null) : IDisposable
{
    private readonly ICharger charger = loadpoint.Loadpoint.Charger;
    private readonly CalendarReader calendar = loadpoint.Calendar;
    private readonly Percent practicalMax = loadpoint.Loadpoint.PracticalMaxSoc;
    private readonly VehicleSoc socSource = loadpoint.Loadpoint.Soc;
    private readonly V2GEntities entities = loadpoint.Entities;
    private readonly IControlEntities controls = loadpoint.ControlsIn(ha);

    public static readonly TimeSpan TickInterval = TimeSpan.FromMinutes(1);
    /// <summary>Calendar edits are rarely urgent; reading every few minutes keeps calls to HA low.</summary>
    public static readonly TimeSpan CalendarInterval = TimeSpan.FromMinutes(5);
    /// <summary>The event id of a step that threw, which tells it from the faults a step handles and logs itself.</summary>
    public static readonly EventId StepFailed = new(1, nameof(StepFailed));
    private static readonly TimeSpan SlotLength = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly List<IDisposable> _subscriptions = [];
    private ITimer? _timer;
    private int _pending;
    private int _queued;
    private int _completed;
    private PlanningSnapshot? _planned;
    private IReadOnlyList<CalendarEvent> _events = [];
    private DateTimeOffset? _calendarDue;
    private BackgroundRead<CalendarParseResult?>? _calendarReads;
    private BackgroundRead<PriceRead>? _priceReads;
    private PriceRead _priceRead = new(null, "prices not read yet");
    private readonly KnownPrices _knownPrices = new(logger);
    private readonly PriceGapLog _priceGapLog = new(logger);
    private LatestPublish? _publish;
    private bool _stopped;
    private bool _wasConnected;
    private readonly ChargerCommander _commands = new(loadpoint.Loadpoint.Charger);
    private ChargeMode _mode = ChargeMode.Automatic;
    private readonly SocHistory _socHistory = new();
    private readonly ChargeModeSelect _select = new(loadpoint.ControlsIn(ha), loadpoint.Entities);
    private int _calendarChanged;
    private DateTimeOffset _recordedUntil = DateTimeOffset.MinValue;
    private bool _scheduleFromFallback;
    private HomePowerContext? _homePowerContext;
    private readonly Lock _homePowerLock = new();
    private ChargeMode _homePowerMode;
    private Power? _homePowerSetPoint;
    private Power? _gridShare;
    private bool _homePowerDue;
    private SiteBalance? _site;

    public Schedule? Schedule { get; private set; }
    public CalendarPlan? CalendarPlan { get; private set; }
    /// <summary>The settings the current schedule was planned on (null before the first plan).</summary>
    public ChargeSettings? PlannedSettings => Volatile.Read(ref _planned)?.Settings;
    /// <summary>Why the current schedule was planned.</summary>
    public IReadOnlyList<ReplanReason> PlannedFor { get; private set; } = [];
    /// <summary>Steps finished so far, and whether anything is under way: a step, a read or publishing beside the loop
    /// (tests and the demo in virtual time wait on these).</summary>
    public int CompletedSteps => Volatile.Read(ref _completed);
    public bool Busy => Stepping || _calendarReads?.Running == true || _priceReads?.Running == true || _publish?.Busy == true;

    /// <summary>A step is queued or running (reads and publishing beside the loop aside).</summary>
    public bool Stepping => Volatile.Read(ref _pending) > 0;

    /// <summary>A calendar read is under way (HA has not answered it yet).</summary>
    public bool CalendarReading => _calendarReads?.Running == true;

    /// <summary>What the last step leaves for home power control; null before the first step.</summary>
    public HomePowerContext? HomePowerContext => Volatile.Read(ref _homePowerContext);

    /// <summary>The backup reserve (null: outage backup off): min SoC is raised to it, so the plan and load following keep it.</summary>
    public Percent? ReserveSoc { get; init; }

    /// <summary>The site's balance from the site loop's latest read while it is recent (null without one): the statistics
    /// split this loadpoint's energy by source with it.</summary>
    public SiteBalance? Site
    {
        get => Volatile.Read(ref _site);
        set => Volatile.Write(ref _site, value);
    }

    /// <summary>The set point the charger took last (0 W after a release or before any command).</summary>
    public Power InForce => _commands.Taken?.SetPoint ?? Power.Zero;

    /// <summary>Which prices the schedule in force was planned on.</summary>
    public PriceBasis PriceBasis => _knownPrices.Basis;

    /// <param name="ownTick">Whether the loop ticks by itself every <see cref="TickInterval"/>; false when a site loop
    /// owns the tick and calls <see cref="Tick"/>.</param>
    public void Start(bool ownTick = true)
    {
        _calendarReads = new(OnCalendarRead, Trigger);
        _priceReads = new(read => !Equals(Interlocked.Exchange(ref _priceRead, read), read), Trigger);
        _publish = new(e => logger.LogError(e, "Sensors not published"));
        // A control (mode, settings, markup, VAT), the price entity or the car's SoC entity changing is a re-plan trigger: step at once.
        var watched = new[] { prices.Entity, socSource.Entity }.OfType<string>().ToHashSet();
        _subscriptions.Add(ha.StateAllChanges().Where(c => watched.Contains(c.Entity.EntityId)).Subscribe(_ => Trigger()));
        var controlIds = entities.Helpers.Select(h => h.EntityId).ToHashSet();
        _subscriptions.Add(controls.Changes.Where(controlIds.Contains).Subscribe(_ => Trigger()));
        _subscriptions.Add(ha.Entity(calendar.Entity).StateAllChanges().Subscribe(_ =>
        {
            Volatile.Write(ref _calendarChanged, 1);
            Trigger();
        }));
        _subscriptions.Add(charger.StatusChanges.DistinctUntilChanged(s => (s.State, s.CarConnected, s.Locked, s.ControlledByApp)).Subscribe(_ => Trigger()));
        // HA drops states posted over REST when it restarts: a sensor of ours gone from HA is published again at once.
        _subscriptions.Add(ha.StateAllChanges().Where(c => c.New is null && publisher.Owns(c.Entity.EntityId)).Subscribe(_ => Trigger()));
        if (ownTick) _timer = time.CreateTimer(_ => Trigger(), null, TimeSpan.Zero, TickInterval);
    }

    /// <summary>The site loop's tick: a step, as the loop's own timer would start.</summary>
    public void Tick() => Trigger();

    /// <summary>Queues a step unless one is queued already: that one has not read anything yet, so it sees this
    /// trigger's news too (a burst, such as every sensor gone after HA's restart, costs one step, not one each).</summary>
    private void Trigger()
    {
        if (Interlocked.Exchange(ref _queued, 1) == 1) return;
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
            logger.LogError(StepFailed, e, "V2G step failed");
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
        Volatile.Write(ref _queued, 0);
        try
        {
            if (_stopped) return;
            var now = time.GetUtcNow();
            var status = await charger.RefreshAsync(ct);
            var settings = HelperSettings.Read(controls, entities, charger.Capabilities, out var errors);
            if (ReserveSoc is { } reserve) settings = BackupReserve.Apply(settings, reserve);
            if (errors.Count > 0) logger.LogWarning("Invalid settings, using the defaults: {Errors}", string.Join("; ", errors.Select(e => e.Message)));
            _mode = _select.Read(_mode);
            RefreshCalendar(now);
            var events = notifier.WithoutDismissed(Volatile.Read(ref _events));
            CalendarPlan = CalendarPlan.From(events, now, settings, practicalMax).WithLearned(
                LearnsDepartures() ? LearnedDepartures.Propose(statistics.Sessions, now, zone, settings, practicalMax) : null, events, zone);
            _priceReads!.Start(() => ReadPricesAsync(now, ct));
            var priceData = _knownPrices.Use(Volatile.Read(ref _priceRead), now);
            // While the charger does not answer, whether a car is connected is unknown: keep the last known answer, so a
            // fault neither ends a boost as an unplug would nor looks like a new plug-in when it clears.
            var connected = status.CarConnected ?? (status.IsFaulted && _wasConnected);
            var soc = socSource.Choose(socSource.Entity is { } socEntity ? ha.GetState(socEntity)?.NumericState : null, status.StateOfCharge);

            // A plan outlives an unplug, but the next plug-in must still count as the car connecting.
            if (!connected && _planned is { CarConnected: true }) _planned = _planned with { CarConnected = false };
            var snapshot = new PlanningSnapshot(now, settings, connected, _mode, CalendarPlan.Fingerprint, soc, priceData?.ReceivedAt);
            var reasons = ReplanTriggers.Evaluate(_planned, snapshot);
            if (reasons.Count > 0)
            {
                Schedule = await PlanAsync(snapshot, CalendarPlan, priceData, reasons, ct);
                _planned = snapshot;
                PlannedFor = reasons;
                // A trips-only plan without prices stands in for a real one: its absence is still told after the hour.
                _scheduleFromFallback = priceData is null || Schedule?.StandIn == true;
            }

            var slot = Schedule?.Slots.FirstOrDefault(s => s.Start <= now && now < s.End);
            var input = new ControlInput(now, _mode, soc, connected, _wasConnected,
                status.IsFaulted, slot?.SetPoint, settings, charger.Capabilities, practicalMax).WithHomePower(HomePowerLead(_mode));
            var decision = ChargeModeController.Decide(input);
            _wasConnected = connected;
            Volatile.Write(ref _homePowerContext, new HomePowerContext(input with { Mode = decision.Mode, WasConnected = connected, HomePower = null, GridShare = null },
                IsOn(entities.SolarInAutomatic), IsOn(entities.HouseInAutomatic),
                TargetReserve.For(CalendarPlan.Targets, now, settings, charger.Capabilities),
                V2HPeriod.End(decision.Mode, Schedule, CalendarPlan.Targets, now)));
            await ExecuteAsync(decision, status, ct);
            Record(now, status, connected, soc, priceData, settings);
            var shown = status with { StateOfCharge = soc };
            notifier.Observe(new NotificationObservation(shown, input, decision, Schedule, events, priceData?.Prices)
            {
                ScheduleFromFallback = _scheduleFromFallback,
                MissingHelpers = helpers?.Missing.Select(m => (m.EntityId, m.Reason)).ToList() ?? [],
            });
            Publish(now, shown, decision, slot, events, priceData, settings);
        }
        finally
        {
            _gate.Release();
        }
    }

    private bool IsOn(HassModel.Helpers.HelperDefinition helper) => controls.Get(helper)?.State == "on";

    /// <summary>Off in the config, or the helper explicitly "off": a learned target only adds charging, so a helper not
    /// (yet) there keeps the default.</summary>
    private bool LearnsDepartures() => loadpoint.LearnedDepartures && controls.Get(entities.LearnedDepartures)?.State != "off";

    /// <summary>The set point home power control asks for in <paramref name="mode"/> and the grid limit's share, or nulls
    /// when they were given for another mode or not at all.</summary>
    private (Power? SetPoint, Power? GridShare) HomePowerLead(ChargeMode mode)
    {
        lock (_homePowerLock) return _homePowerMode == mode ? (_homePowerSetPoint, _gridShare) : (null, null);
    }

    /// <summary>
    /// Home power control's set point for this loadpoint (null: it does not lead, the plan or mode decides) and the grid
    /// limit's share (null: not limited), given for the mode they were worked out in. A change goes to the charger at once through the charge-mode rules and the safety
    /// envelope; while a step holds the charger it stays due, and the next control step sends it (the step may have
    /// decided before it came).
    /// </summary>
    public void Follow(ChargeMode mode, Power? setPoint, Power? gridShare)
    {
        lock (_homePowerLock)
        {
            if (_homePowerMode == mode && _homePowerSetPoint == setPoint && _gridShare == gridShare && !_homePowerDue) return;
            (_homePowerMode, _homePowerSetPoint, _gridShare, _homePowerDue) = (mode, setPoint, gridShare, true);
        }
        if (_gate.Wait(0)) _ = SendFollowAsync();
    }

    private async Task SendFollowAsync()
    {
        try
        {
            lock (_homePowerLock) _homePowerDue = false;
            if (_stopped || HomePowerContext is not { } context || context.Input.Mode != _mode) return;
            var decision = ChargeModeController.Decide((context.Input with { At = time.GetUtcNow() }).WithHomePower(HomePowerLead(_mode)));
            if (await _commands.SendAsync(decision.Command, charger.Status.CarConnected, CancellationToken.None) is not { } result) return;
            // Following the meter changes the set point often: each change is a debug line, a refusal a warning.
            if (result.Succeeded) logger.LogDebug("{Commanded}", DecisionText.Commanded(decision.Command, decision.Reason));
            else logger.LogWarning("Charger refused {Command}: {Reason}", decision.Command, result.Reason);
        }
        catch (Exception e)
        {
            logger.LogError(StepFailed, e, "Home power command failed");
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The step's view for the dashboard, published after the command and beside the loop; what it needs is
    /// taken now, as the next step goes on changing the loop's state.</summary>
    private void Publish(DateTimeOffset now, ChargerStatus status, ControlDecision decision, ScheduleSlot? slot, IReadOnlyList<CalendarEvent> events,
        PriceData? priceData, ChargeSettings settings)
    {
        var (schedule, calendarPlan, socHistory, view) = (Schedule, CalendarPlan!, _socHistory.Points.ToList(), statistics.View(now));
        var prices = new PricesShown(_knownPrices.Basis, _knownPrices.Problem);
        _publish!.Post(async () =>
        {
            try
            {
                await notifier.PublishAsync(CancellationToken.None);
                await V2GSensors.PublishAsync(publisher, entities, status, decision, slot, schedule, calendarPlan, socHistory, prices, CancellationToken.None);
                await ChartSensors.PublishAsync(publisher, entities, now, priceData?.Prices, schedule, events, settings, practicalMax, CancellationToken.None);
                await StatisticsSensors.PublishAsync(publisher, entities, view, loadpoint.EquipmentCostEur, CancellationToken.None);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // The charger has its command already; unpublished sensors go out with the next step.
                logger.LogWarning("Sensors not published: {Reason}", e.Message);
            }
        });
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

    /// <summary>Starts a calendar read when the calendar changed or the interval is up; the step goes on with the events read before.</summary>
    private void RefreshCalendar(DateTimeOffset now)
    {
        var changed = Interlocked.Exchange(ref _calendarChanged, 0) == 1;
        if (!changed && _calendarDue is { } due && now < due) return;
        // Due again after the interval even when this read fails, so HA being away costs one wait per interval, not per tick.
        _calendarDue = now + CalendarInterval;
        _calendarReads!.Start(() => ReadCalendarAsync(now));
    }

    /// <summary>The calendar's events, or null when HA gave none (away, refusing, not answering, an answer of the wrong shape).</summary>
    private async Task<CalendarParseResult?> ReadCalendarAsync(DateTimeOffset now)
    {
        try
        {
            return await calendar.ReadAsync(now, zone);
        }
        catch (Exception e) when (e is HaConnectionException or HaCommandException or HaProtocolException or TimeoutException)
        {
            // The events read last still hold; the next read is due after the interval or on the calendar's next change.
            logger.LogWarning("Calendar not read, keeping the {Count} events read before: {Reason}", Volatile.Read(ref _events).Count, e.Message);
            return null;
        }
    }

    /// <summary>Takes a read's events; true when they differ from the events before (the loop then steps at once).</summary>
    private bool OnCalendarRead(CalendarParseResult? result)
    {
        if (result is null) return false;
        foreach (var skipped in result.Skipped) logger.LogWarning("Calendar event skipped: {Reason}", skipped);
        return !Interlocked.Exchange(ref _events, result.Events).SequenceEqual(result.Events);
    }

    /// <summary>A new schedule, or none (so the car idles at 0 W) when the SoC is missing or planning fails. Without
    /// prices the plan meets the trips and the minimum SoC alone (<see cref="PricelessPlan"/>); where the prices end before
    /// a target the planner plans the rest for the targets alone (<see cref="PlanningProblem.From"/>).</summary>
    private async Task<Schedule?> PlanAsync(PlanningSnapshot snapshot, CalendarPlan plan, PriceData? priceData,
        IReadOnlyList<ReplanReason> reasons, CancellationToken ct)
    {
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
            BuyPrices = priceData?.Prices ?? new([], SlotLength),
            SellPrices = priceData?.SellPrices,
            DegradationCost = WearPerKwh(snapshot.Settings),
        };
        request = request with { Site = site?.Invoke(request.Start, request.Horizon) };
        if (priceData is null) request = PricelessPlan.For(request);
        try
        {
            var schedule = await planner.PlanAsync(request, ct);
            PlanMetrics.Planned();
            logger.LogInformation("{Planned}", DecisionText.Planned(schedule, reasons, zone));
            _priceGapLog.Observe(schedule);
            return schedule;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Whatever the planner throws, the step goes on to command the charger: otherwise the last set point (maybe a
            // discharge) would stay in force with nobody applying the safety envelope.
            logger.LogError(e, "No schedule: planning failed");
            PlanMetrics.Failed();
            return null;
        }
    }

    /// <summary>The battery wear of a kWh fed back (0 without a pack price): the plan's degradation cost and the monthly summary's wear.</summary>
    private EnergyPrice WearPerKwh(ChargeSettings settings) => loadpoint.Wear?.PerKwhFedBack(settings.Capacity, settings.DischargeEfficiency) ?? new EnergyPrice(0);

    /// <summary>What each step observed goes to the statistics, the SoC chart and (when configured) FlexMeasures' outbox.</summary>
    private void Record(DateTimeOffset now, ChargerStatus status, bool connected, Percent? soc, PriceData? priceData, ChargeSettings settings)
    {
        // The recorders take observations in time order; a clock set back is skipped until it catches up, not a failed step.
        if (now < _recordedUntil) return;
        _recordedUntil = now;
        _socHistory.Add(now, soc);
        try
        {
            statistics.Record(now, status.ActualPower, connected, soc, priceData?.Prices, settings, Site, priceData?.SellPrices);
            if (statistics.TakeMonthlySummary(now, WearPerKwh(settings), loadpoint.EquipmentCostEur) is { } month)
                notifier.Send(ProductNotifications.MonthlySummary(month), now);
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
        if (await _commands.SendAsync(decision.Command, status.CarConnected, ct) is not { } result) return;
        if (result.Succeeded) logger.LogInformation("{Commanded}", DecisionText.Commanded(decision.Command, decision.Reason));
        else logger.LogWarning("Charger refused {Command}: {Reason}", decision.Command, result.Reason);
    }

    /// <summary>Ends the loop and leaves the charger safe: stopped (0 W) and handed back to its own control, unless it
    /// was handed back already (paused, where the user may be charging from the charger's app). Bounded by
    /// <paramref name="ct"/>: the host stops within its timeout even when the charger does not answer.</summary>
    public async Task StopAsync(CancellationToken ct)
    {
        Dispose();
        await _gate.WaitAsync(ct);
        Volatile.Write(ref _queued, 0);
        try
        {
            if (_stopped) return;
            _stopped = true;
            var handBack = await _commands.HandBackAsync(ct);
            if (handBack is { Succeeded: true }) logger.LogInformation("Charger stopped and handed back to its own control");
            else if (handBack is not null)
                logger.LogWarning("Charger not handed back cleanly ({Reason}); it stops by itself after its idle timeout", handBack.Reason);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose()
    {
        _timer?.Dispose();
        foreach (var subscription in _subscriptions) subscription.Dispose();
    }
}

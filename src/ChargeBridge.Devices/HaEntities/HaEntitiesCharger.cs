using System.Reactive.Linq;
using System.Reactive.Subjects;
using ChargeBridge.Core.Chargers;
using ChargeBridge.Core.Units;
using ChargeBridge.Devices.HaSensor;
using ChargeBridge.Devices.Registry;
using ChargeBridge.HassModel;
using Microsoft.Extensions.Logging;

namespace ChargeBridge.Devices.HaEntities;

/// <summary>
/// A charger Home Assistant already integrates, driven through its entities: an enable switch, a number for the
/// current (or power), a status sensor and optional power, energy, SoC and phases entities. The status follows the
/// entities' states as HA streams them; commands are service calls, written only where HA shows another value.
/// Charge only. Entity trouble (unknown, unavailable, a refused call) becomes a status or a refused result, never an
/// exception. With a <see cref="HaEntitiesOptions.PhasesEntity"/> it switches between one and three phases when asked
/// (<see cref="SwitchPhasesAsync"/>), never while power flows; without one it says it cannot
/// (<see cref="ChargerCapabilities.CanSwitchPhases"/> false) and refuses a switch.
/// </summary>
public sealed class HaEntitiesCharger : IPhaseSwitchingCharger, IStartable, IDescribedDevice, IAsyncDisposable
{
    private readonly HaEntitiesOptions _options;
    private readonly IHaContext _ha;
    private readonly ILogger _logger;
    private readonly TimeProvider _clock;
    private readonly HashSet<string> _watched;
    private readonly object _lock = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Subject<ChargerStatus> _statuses = new();
    private IDisposable? _subscription;
    private ITimer? _faultTimer;
    private ChargerStatus _status;
    private DateTimeOffset? _troubleSince;
    private string? _unrecognised;
    private bool _disposed;

    public HaEntitiesCharger(HaEntitiesOptions options, IHaContext ha, ILogger logger)
    {
        _options = options;
        _ha = ha;
        _logger = logger;
        _clock = options.Clock;
        _watched = [.. options.Watched];
        _status = ChargerStatus.Unknown(_clock.GetUtcNow());
    }

    /// <summary>Charge only, on the phases in use now: the ones the phases entity shows (the wired <see cref="HaEntitiesOptions.Phases"/>
    /// while it shows none), or the wired ones without that entity. The minimum and maximum are the current limits on those phases.</summary>
    public ChargerCapabilities Capabilities
    {
        get
        {
            var phases = PhasesInUse();
            return ChargerCapabilities.ForCurrent(false, phases, _options.MinCurrentA, _options.MaxCurrentA, _options.PhasesEntity is not null) with
            {
                MaxChargePower = Watts(_options.MaxCurrentA, phases),
                MinPower = Watts(_options.MinCurrentA, phases),
            };
        }
    }

    public ChargerStatus Status
    {
        get { lock (_lock) return _status; }
    }

    public IObservable<ChargerStatus> StatusChanges => _statuses;

    /// <summary>The entities read, the energy counter once it shows a value, and the phases in use with a phases entity.</summary>
    public IReadOnlyDictionary<string, object?> Details
    {
        get
        {
            var details = new Dictionary<string, object?> { ["status entity"] = _options.Status, ["set point entity"] = _options.SetPoint };
            if (_options.EnergySensor is { } sensor && EnergyOf(_ha.GetState(sensor)) is { } energy) details["energy"] = energy;
            if (_options.PhasesEntity is { } phases)
            {
                details["phases entity"] = phases;
                details["phases"] = PhasesInUse();
            }
            return details;
        }
    }

    /// <summary>Follows the entities' state changes until disposed.</summary>
    public void Start()
    {
        lock (_lock)
        {
            if (_subscription is not null || _disposed) return;
            _subscription = _ha.StateAllChanges().Where(c => _watched.Contains(c.Entity.EntityId)).Subscribe(_ => Update());
        }
        Update();
    }

    /// <summary>Reads the status from HA's current states (the runtime's cache: no round trip to HA).</summary>
    public Task<ChargerStatus> RefreshAsync(CancellationToken ct = default) => Task.FromResult(Update());

    public async Task<ChargerCommandResult> SetPowerAsync(Power power, CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try
        {
            var status = Update();
            if (Capabilities.Refusal(power) is { } refusal) return Refused(ChargerCommandError.OutOfLimits, refusal);
            if (Unusable() is { } reason) return Refused(ChargerCommandError.Communication, reason);
            if (power == Power.Zero)
                return await Attempt(() => SwitchAsync(false, ct));
            if (status.CarConnected == false) return Refused(ChargerCommandError.NoCar, "no car is connected");
            var setPoint = CurrentSetPoint.For(power, PhasesInUse(), _options);
            return await Attempt(async () =>
            {
                await SetNumberAsync(_options.Current is not null ? setPoint.Amperes : Math.Round(setPoint.Power.Watts), ct);
                await SwitchAsync(true, ct);
            });
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Hands the charger back to its own logic: the set point goes back to the maximum, so the charger (or an
    /// automation in HA) charges as it would without ChargeBridge. The enable switch is left as it is, because turning
    /// it on would start charging that nobody asked for and turning it off would stop charging its owner wants.</summary>
    public async Task<ChargerCommandResult> ReleaseAsync(CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try
        {
            Update();
            if (Unusable() is { } reason) return Refused(ChargerCommandError.Communication, reason);
            var maximum = _options.Current is not null ? _options.MaxCurrentA : Math.Round(Watts(_options.MaxCurrentA, _options.Phases).Watts);
            return await Attempt(() => SetNumberAsync(maximum, ct));
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Sets the phases entity to <paramref name="phases"/>: <c>select_option</c> with the option that names them
    /// for a select, <c>set_value</c> with 1 or 3 for a number. Refused, with nothing written, without a phases entity,
    /// while the charger charges (the caller stops it first), while the status or phases entity has no value, or when a
    /// select has no option for those phases; a call HA refuses is a refused result too.</summary>
    public async Task<ChargerCommandResult> SwitchPhasesAsync(int phases, CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try
        {
            var status = Update();
            if (_options.PhasesEntity is not { } entity)
                return Refused(ChargerCommandError.OutOfLimits, "this charger cannot switch phases: no PhasesEntity is configured");
            if (phases is not (1 or 3)) return Refused(ChargerCommandError.OutOfLimits, $"a charger charges on 1 or 3 phases, not {phases}");
            if (_options.Phases < phases) return Refused(ChargerCommandError.OutOfLimits, $"the charger is wired for {_options.Phases} phase(s)");
            if (Trouble(_options.Status, entity) is { } trouble)
                return Refused(ChargerCommandError.Communication, $"{trouble.EntityId} is {Describe(trouble.State)}");
            if (PhasesShown() == phases) return ChargerCommandResult.Done(status);
            if (status.State == ChargerState.Charging)
                return Refused(ChargerCommandError.OutOfLimits, $"the charger is charging ({status.ActualPower}): stop it before switching phases");
            if (EntityKeys.Domain(entity) is "select" or "input_select")
            {
                var options = _ha.GetState(entity)?.Attribute("options") is { ValueKind: System.Text.Json.JsonValueKind.Array } list
                    ? list.EnumerateArray().Select(o => o.ToString()).ToList()
                    : [];
                if (PhaseText.OptionFor(options, phases) is not { } option)
                    return Refused(ChargerCommandError.OutOfLimits, $"none of the options of {entity} ({string.Join(", ", options)}) is for {phases} phase(s)");
                return await Attempt(() => CallAsync(entity, "select_option", new Dictionary<string, object> { ["option"] = option }, ct));
            }
            return await Attempt(() => CallAsync(entity, "set_value", new Dictionary<string, object> { ["value"] = (long)phases }, ct));
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<ChargerCommandResult> Attempt(Func<Task> writes)
    {
        try
        {
            await writes();
            return ChargerCommandResult.Done(Update());
        }
        catch (HaCommandException e)
        {
            _logger.LogWarning("Home Assistant refused {Command}: {Reason}", e.Command, e.ServerMessage);
            return Refused(ChargerCommandError.Communication, $"Home Assistant refused {e.Command}: {e.ServerMessage}");
        }
        catch (Exception e) when (e is HaConnectionException or HaProtocolException or TimeoutException)
        {
            _logger.LogWarning("A charger command did not reach Home Assistant: {Reason}", e.Message);
            return Refused(ChargerCommandError.Communication, e.Message);
        }
    }

    private ChargerCommandResult Refused(ChargerCommandError error, string reason) => ChargerCommandResult.Refused(error, reason, Status);

    /// <summary>Why the entities commands write cannot take a command now, or null.</summary>
    private string? Unusable() => Trouble(_options.Enable, _options.SetPoint) is { } trouble
        ? $"{trouble.EntityId} is {Describe(trouble.State)}"
        : null;

    private async Task SwitchAsync(bool on, CancellationToken ct)
    {
        if (_ha.GetState(_options.Enable)?.State == (on ? "on" : "off")) return;
        await CallAsync(_options.Enable, on ? "turn_on" : "turn_off", null, ct);
    }

    private async Task SetNumberAsync(double value, CancellationToken ct)
    {
        if (_ha.GetState(_options.SetPoint)?.NumericState is { } shown && Math.Abs(shown - value) < 0.01) return;
        // Whole numbers go as integers: some integrations' number entities take only those.
        object number = value == Math.Floor(value) ? (long)value : value;
        await CallAsync(_options.SetPoint, "set_value", new Dictionary<string, object> { ["value"] = number }, ct);
    }

    private async Task CallAsync(string entityId, string service, object? data, CancellationToken ct)
    {
        var domain = EntityKeys.Domain(entityId);
        try
        {
            await _ha.CallServiceAsync(domain, service, ServiceTarget.Entity(entityId), data, ct);
        }
        catch (HaCommandException e)
        {
            // HA names the command (call_service); the reason should name the call.
            throw new HaCommandException($"{domain}.{service} for {entityId}", e.Code, e.ServerMessage);
        }
    }

    /// <summary>The phases the phases entity shows, or null without one or when it shows neither one nor three.</summary>
    private int? PhasesShown() => _options.PhasesEntity is { } entity && _ha.GetState(entity) is { IsUnavailable: false, State: { } state }
        ? PhaseText.Phases(state)
        : null;

    /// <summary>The phases the charger charges on now: those the phases entity shows, else the wired ones.</summary>
    private int PhasesInUse() => PhasesShown() ?? _options.Phases;

    /// <summary>Reads the status from the entities' states and tells it to the stream.</summary>
    private ChargerStatus Update()
    {
        lock (_lock)
        {
            if (_disposed) return _status;
            _status = Read(_clock.GetUtcNow());
            _statuses.OnNext(_status);
            return _status;
        }
    }

    private ChargerStatus Read(DateTimeOffset now)
    {
        if (Trouble(_options.Status, _options.Enable, _options.SetPoint) is { } trouble)
        {
            // From when HA says the entity went bad, so a restart does not restart the grace time.
            _troubleSince ??= trouble.State?.LastChanged is { } changed && changed < now ? changed : now;
            var reason = $"{trouble.EntityId} is {Describe(trouble.State)}";
            if (now - _troubleSince < _options.FaultAfter)
            {
                ArmFaultTimer(_troubleSince.Value + _options.FaultAfter - now);
                return _status with { At = now, Reachable = false, FaultReason = reason };
            }
            return _status with
            {
                At = now, State = ChargerState.Faulted, CarConnected = null, ActualPower = Power.Zero, StateOfCharge = null,
                Reachable = false, FaultReason = $"{reason} since {_troubleSince:u}", DeviceStateText = reason,
            };
        }
        _troubleSince = null;

        var text = _ha.GetState(_options.Status)!.State!;
        var meaning = ChargerStatusText.Describe(text, _ha.GetState(_options.Enable).IsOn());
        WarnOnce(meaning, text);
        var power = meaning.State == ChargerState.Charging ? ChargingPower() : Power.Zero;
        var soc = meaning.CarConnected != false && _options.Soc is { } socId && _ha.GetState(socId)?.NumericState is { } value and >= 0 and <= 100
            ? new Percent(value)
            : (Percent?)null;
        var deviceText = meaning.Recognised ? text : $"'{text}' is not a status ha-entities knows (see docs/devices/ha-entities.md)";
        return new ChargerStatus(now, meaning.State, meaning.CarConnected, power, soc, false, false, true,
            meaning.State == ChargerState.Faulted ? $"the charger reports {text}" : null, null, deviceText);
    }

    /// <summary>The first of <paramref name="entityIds"/> that HA has no value for.</summary>
    private (string EntityId, EntityState? State)? Trouble(params string[] entityIds)
    {
        foreach (var id in entityIds)
            if (_ha.GetState(id) is var state && (state is null || state.IsUnavailable))
                return (id, state);
        return null;
    }

    private static string Describe(EntityState? state) =>
        state is null ? "not in Home Assistant (check the entity id)" : state.State ?? "unknown";

    /// <summary>The power sensor's value, or an estimate from the set point when there is none or it has no value.</summary>
    private Power ChargingPower()
    {
        if (_options.PowerSensor is { } sensor && SensorPower.Read(_ha.GetState(sensor), SensorUnit.Auto, out _) is { } measured)
            return measured;
        var setPoint = _ha.GetState(_options.SetPoint)?.NumericState ?? 0;
        return _options.Current is not null ? Watts(setPoint, PhasesInUse()) : Power.FromWatts(setPoint);
    }

    private Power Watts(double amperes, int phases) => Power.FromWatts(amperes * phases * _options.VoltageV);

    private static Energy? EnergyOf(EntityState? state) => state?.NumericState is not { } value ? null
        : state.AttributeString("unit_of_measurement") switch
        {
            "Wh" => Energy.FromWattHours(value),
            "MWh" => Energy.FromKilowattHours(value * 1000),
            _ => Energy.FromKilowattHours(value),
        };

    private void WarnOnce(ChargerStatusMeaning meaning, string text)
    {
        if (meaning.Recognised || text == _unrecognised) return;
        _unrecognised = text;
        _logger.LogWarning("{Entity} shows '{Text}', which is not a charger status ha-entities knows; the state is Unknown until it shows one",
            _options.Status, text);
    }

    /// <summary>Reads again when the grace time ends, so the stream tells the fault even if HA stays silent.</summary>
    private void ArmFaultTimer(TimeSpan due)
    {
        if (_subscription is null) return;
        if (_faultTimer is null) _faultTimer = _clock.CreateTimer(_ => Update(), null, due, Timeout.InfiniteTimeSpan);
        else _faultTimer.Change(due, Timeout.InfiniteTimeSpan);
    }

    public ValueTask DisposeAsync()
    {
        lock (_lock)
        {
            if (_disposed) return ValueTask.CompletedTask;
            _disposed = true;
            _subscription?.Dispose();
            _faultTimer?.Dispose();
            _statuses.OnCompleted();
        }
        _statuses.Dispose();
        return ValueTask.CompletedTask;
    }
}

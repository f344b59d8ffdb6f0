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
/// current (or power), a status sensor and optional power, energy, SoC and phase entities. The status follows the
/// entities' states as HA streams them; commands are service calls, written only where HA shows another value.
/// Charge only. Entity trouble (unknown, unavailable, a refused call) becomes a status or a refused result, never an
/// exception.
/// </summary>
public sealed class HaEntitiesCharger : ICharger, IStartable, IDescribedDevice, IAsyncDisposable
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

    /// <summary>Charge only; with a phase select the minimum is the one-phase minimum and <see cref="ChargerCapabilities.Phases"/>
    /// the phases the select shows now.</summary>
    public ChargerCapabilities Capabilities
    {
        get
        {
            var switchable = _options.PhaseSelect is not null;
            var phasesNow = switchable ? PhasesShown() ?? _options.Phases : _options.Phases;
            return ChargerCapabilities.ForCurrent(false, phasesNow, _options.MinCurrentA, _options.MaxCurrentA, switchable) with
            {
                MaxChargePower = Watts(_options.MaxCurrentA, _options.Phases),
                MinPower = Watts(_options.MinCurrentA, switchable ? 1 : _options.Phases),
            };
        }
    }

    public ChargerStatus Status
    {
        get { lock (_lock) return _status; }
    }

    public IObservable<ChargerStatus> StatusChanges => _statuses;

    /// <summary>The entities read and the energy counter, once it shows a value.</summary>
    public IReadOnlyDictionary<string, object?> Details
    {
        get
        {
            var details = new Dictionary<string, object?> { ["status entity"] = _options.Status, ["set point entity"] = _options.SetPoint };
            if (_options.EnergySensor is { } sensor && EnergyOf(_ha.GetState(sensor)) is { } energy) details["energy"] = energy;
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
            var setPoint = CurrentSetPoint.For(power, _options);
            string? phaseOption = null;
            if (_options.PhaseSelect is { } select && PhasesShown() != setPoint.Phases && (phaseOption = PhaseOption(setPoint.Phases)) is null)
                return Refused(ChargerCommandError.OutOfLimits, $"none of the options of {select} is for {setPoint.Phases} phase(s)");
            return await Attempt(async () =>
            {
                if (phaseOption is not null) await CallAsync(_options.PhaseSelect!, "select_option", new Dictionary<string, object> { ["option"] = phaseOption }, ct);
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

    /// <summary>The phase select's option for <paramref name="phases"/>, or null when it has none.</summary>
    private string? PhaseOption(int phases) =>
        _ha.GetState(_options.PhaseSelect!)?.Attribute("options") is { ValueKind: System.Text.Json.JsonValueKind.Array } options
            ? options.EnumerateArray().Select(o => o.ToString()).FirstOrDefault(o => PhasesOf(o) == phases)
            : null;

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

    /// <summary>The phases the phase select shows, or null when it shows neither one nor three.</summary>
    private int? PhasesShown() => _options.PhaseSelect is { } select && _ha.GetState(select) is { IsUnavailable: false, State: { } option }
        ? PhasesOf(option)
        : null;

    /// <summary>1 or 3 for an option such as "1", "3", "force_1", "3 phases"; null for others ("auto").</summary>
    internal static int? PhasesOf(string option) => (option.Contains('1'), option.Contains('3')) switch
    {
        (true, false) => 1,
        (false, true) => 3,
        _ => null,
    };

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
        return _options.Current is not null ? Watts(setPoint, PhasesShown() ?? _options.Phases) : Power.FromWatts(setPoint);
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

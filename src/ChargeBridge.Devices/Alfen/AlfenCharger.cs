using System.Globalization;
using ChargeBridge.Core.Chargers;
using ChargeBridge.Core.Units;
using ChargeBridge.Devices.Registry;
using ChargeBridge.Modbus;
using Microsoft.Extensions.Logging;
using R = ChargeBridge.Devices.Alfen.AlfenRegisters;

namespace ChargeBridge.Devices.Alfen;

/// <summary>
/// An Alfen Eve socket driven in Modbus TCP slave mode over one connection: polls every
/// <see cref="AlfenOptions.PollInterval"/> and sets the socket's maximum current (1210, float32 in amperes, both
/// registers in one write). The station holds a set point only for its validity time, so while ChargeBridge holds
/// control every poll writes it again (the heartbeat); without it the station falls back to its own safe current.
/// Zero writes 0 A, which pauses charging; the station has no separate enable. Charge only: a negative set point is
/// refused with nothing written. With <see cref="AlfenOptions.PhaseSwitching"/> it switches between one and three
/// phases (1215).
/// </summary>
public sealed class AlfenCharger : IPhaseSwitchingCharger, IStartable, IDescribedDevice, IAsyncDisposable
{
    private readonly AlfenOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _clock;
    private readonly ModbusTcpClient _modbus;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ChargerFeed _feed;
    private AlfenReading? _reading;
    private DateTimeOffset? _lastAnswer;
    private int? _setCurrentA;

    public AlfenCharger(AlfenOptions options, ILogger logger)
    {
        _options = options;
        _logger = logger;
        _clock = options.Clock;
        _modbus = new ModbusTcpClient(options.Host, options.Port, new ModbusClientOptions
        {
            UnitId = options.UnitId, RequestTimeout = options.Timeout, Clock = options.Clock,
        });
        _feed = new ChargerFeed(ChargerStatus.Unknown(_clock.GetUtcNow()));
    }

    /// <summary>Charge only, in amperes on the phases in use (register 1215 when the station switches them).</summary>
    public ChargerCapabilities Capabilities =>
        ChargerCapabilities.ForCurrent(false, Phases, _options.MinCurrentA, _options.MaxCurrentA, _options.PhaseSwitching);

    private int Phases => _options.PhaseSwitching && _reading?.PhasesSetting is (1 or 3) and var phases ? phases : _options.Phases;

    public ChargerStatus Status => _feed.Status;

    public IObservable<ChargerStatus> StatusChanges => _feed.Changes;

    /// <summary>The current the station applies, how long the written one stays valid, its safe current, whether it
    /// uses the written one, the phase voltages and the energy delivered, once read.</summary>
    public IReadOnlyDictionary<string, object?> Details => _reading is not { } reading
        ? new Dictionary<string, object?>()
        : new Dictionary<string, object?>
        {
            ["current_a"] = Math.Round(reading.AppliedMaxCurrentA, 2),
            ["valid_s"] = reading.ValidSeconds,
            ["safe_current_a"] = Math.Round(reading.SafeCurrentA, 2),
            ["set_point_used"] = reading.SetPointAccountedFor,
            ["voltages_v"] = string.Join("/", reading.VoltagesV.Select(v => v.ToString("0", CultureInfo.InvariantCulture))),
            ["energy_kwh"] = Math.Round(reading.Delivered.KilowattHours, 4),
        };

    public void Start() => _feed.Start(RefreshAsync, _ => _options.PollInterval, _clock);

    /// <summary>Writes the set point again while ChargeBridge holds control (the heartbeat), then reads the socket.</summary>
    public async Task<ChargerStatus> RefreshAsync(CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try
        {
            if (_setCurrentA is { } amperes)
            {
                try
                {
                    await WriteCurrentAsync(amperes, ct);
                }
                catch (ModbusException e)
                {
                    _logger.LogWarning("Alfen {Charger} did not take the set point again: {Problem}", _options, e.Message);
                    return _feed.Publish(Unreachable(_clock.GetUtcNow(), e.Message));
                }
            }
            return await PollAsync(ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Zero writes 0 A (charging pauses); a positive power the whole amperes not above it on the phases in
    /// use. Negative (the station cannot discharge) or below the minimum current is refused with nothing written.</summary>
    public Task<ChargerCommandResult> SetPowerAsync(Power power, CancellationToken ct = default)
    {
        if (Capabilities.Refusal(power) is { } refusal) return Task.FromResult(Refused(ChargerCommandError.OutOfLimits, $"the Alfen charges only: {refusal}"));
        if (power == Power.Zero) return CommandAsync(0, ct);
        var stepped = Capabilities.StepDown(power);
        if (stepped == Power.Zero)
            return Task.FromResult(Refused(ChargerCommandError.OutOfLimits, $"{power} is below the minimum {Capabilities.MinPower} ({_options.MinCurrentA} A)"));
        return CommandAsync((int)Math.Round(Capabilities.AmperesFor(stepped)), ct);
    }

    /// <summary>Sets <paramref name="amperes"/> per phase; outside the configured limits is refused with nothing written.</summary>
    public Task<ChargerCommandResult> SetCurrentAsync(int amperes, CancellationToken ct = default) =>
        amperes < _options.MinCurrentA || amperes > _options.MaxCurrentA
            ? Task.FromResult(Refused(ChargerCommandError.OutOfLimits, $"{amperes} A is outside {_options.MinCurrentA}–{_options.MaxCurrentA} A"))
            : CommandAsync(amperes, ct);

    /// <summary>Hands the socket back: the maximum current is written once and no more heartbeats follow, so when its
    /// validity time runs out the station charges at its own safe current, as without ChargeBridge.</summary>
    public async Task<ChargerCommandResult> ReleaseAsync(CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try
        {
            _setCurrentA = null;
            await WriteCurrentAsync(_options.MaxCurrentA, ct);
            return ChargerCommandResult.Done(await PollAsync(ct));
        }
        catch (ModbusException e)
        {
            return await FailedAsync("the release", e, ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Writes 1 or 3 to register 1215; the station must allow 1- and 3-phased charging.</summary>
    public async Task<ChargerCommandResult> SwitchPhasesAsync(int phases, CancellationToken ct = default)
    {
        if (phases is not (1 or 3)) return Refused(ChargerCommandError.OutOfLimits, $"{phases} phases: an Alfen charges on 1 or 3");
        if (!_options.PhaseSwitching)
            return Refused(ChargerCommandError.OutOfLimits, "this Alfen is set up without phase switching (PhaseSwitching: false)");
        await _gate.WaitAsync(ct);
        try
        {
            await _modbus.WriteSingleRegisterAsync(R.Phases, (ushort)phases, ct);
            return ChargerCommandResult.Done(await PollAsync(ct));
        }
        catch (ModbusException e)
        {
            return await FailedAsync($"the switch to {phases} phases", e, ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<ChargerCommandResult> CommandAsync(int amperes, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            if (_feed.Status.State == ChargerState.Unknown || !_feed.Status.Reachable) await PollAsync(ct);
            if (!_feed.Status.Reachable) return Refused(ChargerCommandError.Communication, _feed.Status.FaultReason ?? "the Alfen does not answer");
            if (amperes > 0 && _feed.Status.CarConnected == false) return Refused(ChargerCommandError.NoCar, "no car is connected");
            await WriteCurrentAsync(amperes, ct);
            _setCurrentA = amperes;
            return ChargerCommandResult.Done(await PollAsync(ct));
        }
        catch (ModbusException e)
        {
            return await FailedAsync(amperes > 0 ? $"charging at {amperes} A" : "the stop", e, ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Both registers of the float32 in one request: the station refuses half a value.</summary>
    private Task WriteCurrentAsync(int amperes, CancellationToken ct) => _modbus.WriteMultipleRegistersAsync(R.MaxCurrent, RegisterWords.FromFloat32(amperes), ct);

    private async Task<ChargerCommandResult> FailedAsync(string command, ModbusException e, CancellationToken ct)
    {
        _logger.LogWarning("Alfen {Charger} did not take {Command}: {Problem}", _options, command, e.Message);
        var status = await PollAsync(ct);
        return ChargerCommandResult.Refused(ChargerCommandError.Communication, $"{command} was not taken: {e.Message}", status);
    }

    private async Task<ChargerStatus> PollAsync(CancellationToken ct)
    {
        var now = _clock.GetUtcNow();
        try
        {
            var reading = AlfenReading.Parse(
                await _modbus.ReadHoldingRegistersAsync(R.MeasurementsStart, R.MeasurementsCount, ct),
                await _modbus.ReadHoldingRegistersAsync(R.RealEnergyDeliveredSum, 4, ct),
                await _modbus.ReadHoldingRegistersAsync(R.StatusStart, R.StatusCount, ct));
            if (_feed.Status is { Reachable: false, State: not ChargerState.Unknown }) _logger.LogInformation("Alfen {Charger} answers again", _options);
            _reading = reading;
            _lastAnswer = now;
            return _feed.Publish(reading.ToStatus(now));
        }
        catch (ModbusException e)
        {
            if (_feed.Status.Reachable || _feed.Status.State == ChargerState.Unknown) _logger.LogWarning("Alfen {Charger} cannot be read: {Problem}", _options, e.Message);
            return _feed.Publish(Unreachable(now, e.Message));
        }
    }

    private ChargerStatus Unreachable(DateTimeOffset now, string reason) => ChargerSilence.Unreachable(_feed.Status, now, _lastAnswer, _options.FaultAfter, reason);

    private ChargerCommandResult Refused(ChargerCommandError error, string reason) => ChargerCommandResult.Refused(error, reason, _feed.Status);

    public async ValueTask DisposeAsync()
    {
        if (!await _feed.StopAsync()) return;
        await _modbus.DisposeAsync();
        _gate.Dispose();
    }
}

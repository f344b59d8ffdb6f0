using System.Globalization;
using ChargeBridge.Core.Chargers;
using ChargeBridge.Core.Units;
using ChargeBridge.Devices.Registry;
using Microsoft.Extensions.Logging;

namespace ChargeBridge.Devices.NrgKick;

/// <summary>
/// An NRGKICK driven through its Connect's local JSON API: polls settings and measurements, and sets charging on or
/// off and the current (whole amperes from <see cref="NrgKickOptions.MinCurrentA"/> to
/// <see cref="NrgKickOptions.MaxCurrentA"/>, within the API's 6–16 A). The charger and the car take a while to follow
/// a write and a write may be lost, so every command is written, read back after
/// <see cref="NrgKickOptions.SettleTime"/>, and written again up to <see cref="NrgKickOptions.Attempts"/> times before
/// it is reported as failed. A car that takes no power through every attempt although charging is enabled is full:
/// the status says so (Paused, "car full") instead of waiting. Charge only; the phases in use are the live ones of the
/// phase voltages.
/// </summary>
public sealed class NrgKickCharger : ICharger, IStartable, IDescribedDevice, IAsyncDisposable
{
    private readonly NrgKickOptions _options;
    private readonly NrgKickApi _api;
    private readonly ILogger _logger;
    private readonly TimeProvider _clock;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ChargerFeed _feed;
    private NrgKickReading? _reading;
    private DateTimeOffset? _lastAnswer;
    private bool _carFull;

    public NrgKickCharger(NrgKickOptions options, HttpClient http, ILogger logger)
    {
        _options = options;
        _api = new NrgKickApi(options, http);
        _logger = logger;
        _clock = options.Clock;
        _feed = new ChargerFeed(ChargerStatus.Unknown(_clock.GetUtcNow()));
    }

    /// <summary>Charge only, set in amperes on the live phases (the wired ones until a reading shows them).</summary>
    public ChargerCapabilities Capabilities =>
        ChargerCapabilities.ForCurrent(false, _reading?.Phases ?? _options.Phases, _options.MinCurrentA, _options.MaxCurrentA);

    public ChargerStatus Status => _feed.Status;

    public IObservable<ChargerStatus> StatusChanges => _feed.Changes;

    /// <summary>The set current, the phase voltages and the temperature, once read.</summary>
    public IReadOnlyDictionary<string, object?> Details => _reading is not { Connected: true } reading
        ? new Dictionary<string, object?>()
        : new Dictionary<string, object?>
        {
            ["current_a"] = reading.CurrentA,
            ["voltages_v"] = string.Join("/", reading.VoltagesV.Select(v => v.ToString("0", CultureInfo.InvariantCulture))),
            ["temperature_c"] = reading.TemperatureC,
        };

    /// <summary>Polls every <see cref="NrgKickOptions.PollInterval"/> until disposed.</summary>
    public void Start() => _feed.Start(RefreshAsync, _ => _options.PollInterval, _clock);

    public async Task<ChargerStatus> RefreshAsync(CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try
        {
            return await PollAsync(ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Zero disables charging; a positive power enables it at the whole amperes not above it on the live
    /// phases. Below the minimum current is refused with nothing written.</summary>
    public async Task<ChargerCommandResult> SetPowerAsync(Power power, CancellationToken ct = default)
    {
        if (Capabilities.Refusal(power) is { } refusal) return Refused(ChargerCommandError.OutOfLimits, refusal);
        if (power == Power.Zero) return await CommandAsync(false, null, ct);
        var stepped = Capabilities.StepDown(power);
        if (stepped == Power.Zero)
            return Refused(ChargerCommandError.OutOfLimits, $"{power} is below the minimum {Capabilities.MinPower} ({_options.MinCurrentA} A)");
        return await CommandAsync(true, (int)Math.Round(Capabilities.AmperesFor(stepped)), ct);
    }

    /// <summary>Enables charging at <paramref name="amperes"/> per phase; a current outside the configured limits is
    /// refused with nothing written.</summary>
    public Task<ChargerCommandResult> SetCurrentAsync(int amperes, CancellationToken ct = default) =>
        amperes < _options.MinCurrentA || amperes > _options.MaxCurrentA
            ? Task.FromResult(Refused(ChargerCommandError.OutOfLimits, $"{amperes} A is outside {_options.MinCurrentA}–{_options.MaxCurrentA} A"))
            : CommandAsync(true, amperes, ct);

    /// <summary>Hands the charger back: the current goes back to the maximum, as without ChargeBridge. Charging stays
    /// enabled or disabled as it is, because switching it would start charging nobody asked for or stop charging its
    /// owner wants.</summary>
    public Task<ChargerCommandResult> ReleaseAsync(CancellationToken ct = default) => CommandAsync(null, _options.MaxCurrentA, ct);

    /// <summary>The retry-and-verify rule: write, wait for the charger and the car, read back; again up to the bound.
    /// <paramref name="enable"/> null keeps charging enabled or disabled as it is; <paramref name="amperes"/> null keeps
    /// the current the charger has (a stop).</summary>
    private async Task<ChargerCommandResult> CommandAsync(bool? enable, int? amperes, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            if (_feed.Status.State == ChargerState.Unknown || !_feed.Status.Reachable || enable is null) await PollAsync(ct);
            var charging = enable ?? _reading?.Charging ?? false;
            if (!_feed.Status.Reachable) return Refused(ChargerCommandError.Communication, _feed.Status.FaultReason ?? "the NRGKICK does not answer");
            if (_feed.Status.CarConnected == false)
                return charging ? Refused(ChargerCommandError.NoCar, "no car is connected") : ChargerCommandResult.Done(_feed.Status);
            var current = amperes ?? (int)Math.Clamp(Math.Round(_reading?.CurrentA ?? _options.MinCurrentA), _options.MinCurrentA, _options.MaxCurrentA);
            _carFull = false;
            var problem = "";
            var takenWithoutPower = false;
            for (var attempt = 1; attempt <= _options.Attempts; attempt++)
            {
                takenWithoutPower = false;
                try
                {
                    await _api.WriteAsync(charging, current, ct);
                }
                catch (NrgKickException e)
                {
                    problem = e.Message;
                    continue;
                }
                await Task.Delay(_options.SettleTime, _clock, ct);
                var status = await PollAsync(ct);
                if (_reading is not { } reading)
                {
                    problem = status.FaultReason ?? "the read-back failed";
                    continue;
                }
                if (!reading.Connected) return charging ? Refused(ChargerCommandError.NoCar, "the car was disconnected") : ChargerCommandResult.Done(status);
                var taken = reading.Charging == charging && (!charging || (int)Math.Round(reading.CurrentA) == current);
                if (taken && (reading.Power > Power.Zero) == charging) return ChargerCommandResult.Done(status);
                takenWithoutPower = taken && charging && reading.ErrorCode == 0; // a charger in error is not a full car
                problem = !taken ? $"read back: {status.DeviceStateText}" : charging ? "the car takes no power" : "power still flows";
                _logger.LogInformation("NRGKICK {Charger}: attempt {Attempt} of {Attempts} not confirmed ({Problem})", _options, attempt, _options.Attempts, problem);
            }
            if (takenWithoutPower)
            {
                // Charging is enabled at the current asked for and the car still draws nothing: it is full.
                _carFull = true;
                return ChargerCommandResult.Done(_feed.Publish(_reading!.ToStatus(_clock.GetUtcNow(), true)));
            }
            _logger.LogWarning("NRGKICK {Charger} did not confirm {Command} after {Attempts} attempts: {Problem}", _options,
                charging ? $"charging at {current} A" : "the stop", _options.Attempts, problem);
            return Refused(ChargerCommandError.Communication, $"not confirmed after {_options.Attempts} attempts: {problem}");
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<ChargerStatus> PollAsync(CancellationToken ct)
    {
        var now = _clock.GetUtcNow();
        try
        {
            var reading = await _api.ReadAsync(ct);
            if (!reading.Connected || !reading.Charging || reading.Power > Power.Zero) _carFull = false;
            if (_feed.Status is { Reachable: false, State: not ChargerState.Unknown }) _logger.LogInformation("NRGKICK {Charger} answers again", _options);
            _reading = reading;
            _lastAnswer = now;
            return _feed.Publish(reading.ToStatus(now, _carFull));
        }
        catch (NrgKickException e)
        {
            if (_feed.Status.Reachable || _feed.Status.State == ChargerState.Unknown) _logger.LogWarning("NRGKICK {Charger} cannot be read: {Problem}", _options, e.Message);
            _reading = null;
            return _feed.Publish(Unreachable(now, e.Message));
        }
    }

    private ChargerStatus Unreachable(DateTimeOffset now, string reason) =>
        ChargerSilence.Unreachable(_feed.Status, now, _lastAnswer, _options.FaultAfter, reason);

    private ChargerCommandResult Refused(ChargerCommandError error, string reason) => ChargerCommandResult.Refused(error, reason, _feed.Status);

    public async ValueTask DisposeAsync()
    {
        if (!await _feed.StopAsync()) return;
        _gate.Dispose();
    }
}

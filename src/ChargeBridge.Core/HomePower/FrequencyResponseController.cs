using ChargeBridge.Core.Control;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.HomePower;

/// <summary>
/// Frequency response, one <see cref="Step"/> per control step: once the frequency has stayed below
/// <see cref="FrequencyResponseSettings.UnderHz"/> (above <see cref="FrequencyResponseSettings.OverHz"/>) for
/// <see cref="FrequencyResponseSettings.TriggerAfter"/>, an event starts and asks for the set discharge (charge) power,
/// within the charger's and the user's limits, until the frequency is back in the band, the event's maximum duration
/// has passed, the day's energy cap is reached or the SoC leaves its range; then the plan leads again. An event starts
/// only with a car connected, a discharge only above <see cref="FrequencyResponseSettings.MinSocToDischarge"/> and the
/// min SoC floor, a charge only below max SoC, at least <see cref="FrequencyResponseSettings.MinGap"/> after the last
/// event ended and within the day's count and energy caps, so a sensor that is stuck low cannot drain the car.
/// Readings that are unknown or outside 45–55 Hz are ignored: they restart the trigger wait and end a running event.
/// The day is the input's local date; time comes from the input only.
/// </summary>
public sealed class FrequencyResponseController(FrequencyResponseSettings settings)
{
    private DateOnly? _day;
    private int _events;
    private Energy _energy;
    private FrequencyEventKind? _beyond;
    private DateTimeOffset _beyondSince;
    private FrequencyEvent? _active;
    private DateTimeOffset _lastAt;
    private DateTimeOffset? _lastEnd;

    public FrequencyResponseSettings Settings { get; } = settings;

    public FrequencyResponseStep Step(in FrequencyResponseInput input)
    {
        if (_day != input.Today) (_day, _events, _energy) = (input.Today, 0, Energy.Zero);
        Count(input);
        double? hz = input.Hz is { } h && FrequencyResponseSettings.Plausible(h) ? h : null;
        FrequencyEventKind? kind = hz < Settings.UnderHz ? FrequencyEventKind.Under : hz > Settings.OverHz ? FrequencyEventKind.Over : null;
        if (_active is { } active)
        {
            if (EndOf(input, active, hz, kind) is { } end)
            {
                var ended = active with { End = input.Now, EndReason = end };
                (_active, _lastEnd, _beyond) = (null, input.Now, null);
                return Idle(ended);
            }
            _active = active with { ExtremeHz = kind == FrequencyEventKind.Under ? Math.Min(active.ExtremeHz, hz!.Value) : Math.Max(active.ExtremeHz, hz!.Value) };
            return new FrequencyResponseStep(active.SetPoint, _active, null, null, _events, _energy);
        }

        if (kind is not { } beyond)
        {
            _beyond = null;
            return Idle(null);
        }
        if (_beyond != beyond) (_beyond, _beyondSince) = (beyond, input.Now);
        if (input.Now - _beyondSince < Settings.TriggerAfter || !MayStart(input, beyond)) return Idle(null);
        var setPoint = SetPoint(input, beyond);
        if (setPoint == Power.Zero) return Idle(null);
        _active = new FrequencyEvent(beyond, input.Now, null, setPoint, Energy.Zero, hz!.Value, hz.Value, null);
        _events++;
        return new FrequencyResponseStep(setPoint, _active, _active, null, _events, _energy);
    }

    private FrequencyResponseStep Idle(FrequencyEvent? ended) => new(null, null, null, ended, _events, _energy);

    /// <summary>Adds what the running event moved since the last step: the charger's report when it has one, else the
    /// set point; only power in the event's direction counts.</summary>
    private void Count(in FrequencyResponseInput input)
    {
        var since = input.Now - _lastAt;
        _lastAt = input.Now;
        if (_active is not { } active || since <= TimeSpan.Zero) return;
        var power = input.Delivered is { } delivered && double.IsFinite(delivered.Watts) ? delivered : active.SetPoint;
        if (Math.Sign(power.Watts) != Math.Sign(active.SetPoint.Watts)) return;
        var moved = power.Abs().Over(since);
        _energy += moved;
        _active = active with { Energy = active.Energy + moved };
    }

    private FrequencyEventEnd? EndOf(in FrequencyResponseInput input, FrequencyEvent active, double? hz, FrequencyEventKind? kind) =>
        !input.CarConnected ? FrequencyEventEnd.Stopped
        : hz is null ? FrequencyEventEnd.FrequencyUnknown
        : kind != active.Kind ? FrequencyEventEnd.Recovered
        : input.Now - active.Start >= Settings.MaxDuration ? FrequencyEventEnd.MaxDuration
        : _energy >= Settings.MaxEnergyPerDay ? FrequencyEventEnd.DailyEnergyCap
        : !SocAllows(input, active.Kind) ? FrequencyEventEnd.SocLimit
        : null;

    private bool MayStart(in FrequencyResponseInput input, FrequencyEventKind kind) =>
        input.CarConnected
        && (kind == FrequencyEventKind.Under || Settings.ChargeOnOverFrequency)
        && SocAllows(input, kind)
        && (_lastEnd is not { } last || input.Now - last >= Settings.MinGap)
        && _events < Settings.MaxEventsPerDay
        && _energy < Settings.MaxEnergyPerDay;

    /// <summary>A discharge above the threshold and the safety envelope's floor (min SoC, with the backup reserve), a
    /// charge below max SoC; never with the SoC unknown.</summary>
    private bool SocAllows(in FrequencyResponseInput input, FrequencyEventKind kind) => input.Soc is { } soc && (kind == FrequencyEventKind.Under
        ? soc > Settings.MinSocToDischarge && soc.Value > input.Settings.MinSoc.Value + SafetyEnvelope.FloorMargin.Value
        : soc < input.Settings.MaxSoc);

    /// <summary>The set power within the charger's and the user's limits (0 W: the charger cannot move that way).</summary>
    private Power SetPoint(in FrequencyResponseInput input, FrequencyEventKind kind)
    {
        if (kind == FrequencyEventKind.Under)
        {
            var limit = input.Capabilities.Bidirectional ? Min(Min(input.Capabilities.MaxDischargePower, input.Settings.MaxDischargePower), Settings.DischargePower) : Power.Zero;
            return -limit;
        }
        return Min(Min(input.Capabilities.MaxChargePower, input.Settings.MaxChargePower), Settings.ChargePower);
    }

    private static Power Min(Power a, Power b) => a < b ? a : b;
}

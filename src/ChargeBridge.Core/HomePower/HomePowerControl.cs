using ChargeBridge.Core.Chargers;
using ChargeBridge.Core.Control;
using ChargeBridge.Core.Meters;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.HomePower;

/// <summary>
/// Home power control for one loadpoint, one <see cref="Step"/> per grid reading: the mode picks the controller —
/// load following (<see cref="ChargeMode.PowerTheHouse"/>, <see cref="ChargeMode.ChargeFromExport"/>,
/// <see cref="ChargeMode.ZeroGrid"/>), PV surplus (<see cref="ChargeMode.SolarOnly"/>, <see cref="ChargeMode.MinPlusSolar"/>)
/// with phase switching where the charger can, or in <see cref="ChargeMode.Automatic"/> the plan shaped as the user
/// allows:
/// <list type="bullet">
/// <item>a slot the plan discharges in (price arbitrage) keeps the plan's set point;</item>
/// <item>a slot the plan charges in charges at least the plan's power, more when the PV surplus is larger; the phases
/// are switched only while the surplus leads;</item>
/// <item>an idle slot charges from PV surplus, else powers the house while the SoC is above what the calendar targets
/// need (<see cref="TargetReserve"/>), so a target is never spent on the house; the SoC drift makes the plan re-plan.</item>
/// </list>
/// Keeps the settling state of the set points it asked for. Allocates nothing per step.
/// </summary>
public sealed class HomePowerControl(HomePowerSettings settings)
{
    private readonly PvSurplusController _surplus = new(settings.Surplus);
    private readonly PhaseSwitchController _phases = new(settings.Surplus);
    // In Backup there is no grid to import small loads from: the car starts (at its minimum) for any load past the dead band.
    private readonly LoadFollowingSettings _backupFollowing = settings.Following with { DischargeStartAt = new(0), DischargeKeepDownTo = new(0) };
    private Power _asked;
    private DateTimeOffset? _askedAt;
    private Power _change;
    private bool _surplusStepped;
    private bool _phasesStepped;

    public HomePowerSettings Settings { get; } = settings;

    public HomePowerStep Step(in HomePowerInput input)
    {
        (_surplusStepped, _phasesStepped) = (false, false);
        var step = input.CarConnected ? Decide(input) : HomePowerStep.Off(HomePowerState.NoCar);
        // A controller that sat this step out (another mode, a slot the plan leads, no car) starts afresh next time: its
        // timers and a charge it had started belong to a past it did not see.
        if (!_surplusStepped) _surplus.Reset();
        if (!_phasesStepped) _phases.Reset();
        if (step.SetPoint is { } setPoint && setPoint != input.InForce)
        {
            _change = (setPoint - input.InForce).Abs();
            _asked = setPoint;
            _askedAt = input.Now;
        }
        return step;
    }

    private HomePowerStep Decide(in HomePowerInput input)
    {
        // Precedence: an outage, then a frequency event, then the mode.
        if (input.Backup) return Backup(input);
        if (input.FrequencyResponse is { } response) return new(response, HomePowerState.FrequencyResponse, null, null, null, null, null);
        return ByMode(input);
    }

    private HomePowerStep ByMode(in HomePowerInput input) => input.Mode switch
    {
        ChargeMode.PowerTheHouse => Follow(input, LoadFollowingDirection.V2H),
        ChargeMode.ChargeFromExport => Follow(input, LoadFollowingDirection.S2V),
        ChargeMode.ZeroGrid => Follow(input, LoadFollowingDirection.Both),
        ChargeMode.SolarOnly => WithPhaseSwitch(input, Surplus(input, PvSurplusMode.SolarOnly)),
        ChargeMode.MinPlusSolar => WithPhaseSwitch(input, Surplus(input, PvSurplusMode.MinPlusSolar)),
        ChargeMode.Automatic when input.SolarInAutomatic || input.HouseInAutomatic => Automatic(input),
        _ => HomePowerStep.Off(HomePowerState.Off),
    };

    private HomePowerStep Automatic(in HomePowerInput input)
    {
        var plan = input.Planned ?? Power.Zero;
        if (plan.IsDischarging) return PlanLeads(input);

        if (input.SolarInAutomatic)
        {
            // Stepped in every slot it may shape, so its delays and damping window run on.
            var solar = Surplus(input, PvSurplusMode.SolarOnly);
            // Surplus beyond the plan leads. So does, in an idle slot, a wait for surplus (the house exports then, there
            // is nothing to power) and, without V2H, whatever solar says.
            if (solar.SetPoint > plan || !plan.IsCharging && (solar.State == HomePowerState.WaitingForSurplus || !input.HouseInAutomatic))
                return WithPhaseSwitch(input, solar);
            // The plan's power flows: no phase switch under it.
            if (plan.IsCharging) return solar with { SetPoint = null, State = PlanLeads(input).State };
        }
        if (plan.IsCharging) return PlanLeads(input);

        // Margin above the reserve as for min SoC, so the SoC's reporting lag cannot take the car under it.
        if (input.Soc is not { } soc || soc.Value <= input.Reserve.Value + Settings.Following.MinSocMargin.Value)
            return new(Power.Zero, HomePowerState.KeepingForTrip, null, null, null, null, null);
        return Follow(input, LoadFollowingDirection.V2H);
    }

    /// <summary>
    /// Backup: load following in V2H on the island as the grid meter would read it if the grid supplied what the car
    /// does not (the house's load − PV + what the car delivers), down to min SoC (with the backup reserve), from any load
    /// past the dead band (no discharge thresholds: there is no grid to take small loads). Calendar targets are not
    /// kept: the house comes first. Without a fresh house reading load following's stale-meter rule
    /// holds 0 W: nothing is discharged into an unknown load (a charger that forms the island covers it itself).
    /// </summary>
    private HomePowerStep Backup(in HomePowerInput input)
    {
        var house = input.HouseLoad ?? MeterReading.None;
        var island = house.Power is { } load
            ? house with { Power = load - (input.PvPower ?? Power.Zero) + (Delivered(input) ?? input.InForce) }
            : house;
        var step = Follow(input with { Grid = island, Mode = ChargeMode.PowerTheHouse, DischargeUntil = null }, LoadFollowingDirection.V2H, _backupFollowing);
        return step with { State = HomePowerState.Backup };
    }

    /// <summary>The plan's set point holds; on an unusable meter the dashboard says so, as nothing could shape it then.</summary>
    private HomePowerStep PlanLeads(in HomePowerInput input) =>
        HomePowerStep.Off(input.Grid.HealthAt(input.Now, Settings.Following.MeterStaleAfter) is MeterHealth.Stale or MeterHealth.Unknown
            ? HomePowerState.MeterStale
            : HomePowerState.FollowingPlan);

    private HomePowerStep Follow(in HomePowerInput input, LoadFollowingDirection direction, LoadFollowingSettings? following = null)
    {
        following ??= Settings.Following;
        // Settling applies only to what this controller asked; a set point someone else wrote (the plan, the envelope)
        // is followed from at once.
        var own = _askedAt is not null && _asked == input.InForce;
        var decision = LoadFollowingController.Decide(new LoadFollowingInput(input.Now, input.Grid, Delivered(input), input.InForce,
            own ? _askedAt : null, own ? _change : Power.Zero, input.Capabilities, input.Soc, input.Settings, input.PracticalMaxSoc, direction)
        {
            DischargeUntil = input.DischargeUntil,
            // In Automatic the calendar targets' reserve is kept, so only the energy above it is spare.
            KeepSoc = input.Mode == ChargeMode.Automatic ? input.Reserve : null,
        }, following);
        var state = decision.Reason switch
        {
            LoadFollowingReason.StaleMeter => HomePowerState.MeterStale,
            LoadFollowingReason.Following or LoadFollowingReason.DeadBand or LoadFollowingReason.Settling => HomePowerState.Following,
            _ => HomePowerState.AtLimit,
        };
        TimeSpan? remaining = decision.Reason == LoadFollowingReason.Settling ? decision.NextChangeAt - input.Now : null;
        return new(decision.SetPoint, state, remaining, null, decision.Reason, null, null);
    }

    private HomePowerStep Surplus(in HomePowerInput input, PvSurplusMode mode)
    {
        _surplusStepped = true;
        var decision = _surplus.Step(new PvSurplusInput(input.Now, input.Grid, Charging(input), input.Capabilities, mode)
        {
            CarConnected = input.CarConnected,
            BatteryPower = input.BatteryPower,
            BatterySoc = input.BatterySoc,
            CarSoc = input.Soc,
            PracticalMaxSoc = input.PracticalMaxSoc,
            PvPower = input.PvPower,
        });
        var state = decision.Reason switch
        {
            PvSurplusReason.StaleMeter => HomePowerState.MeterStale,
            PvSurplusReason.WaitingForSurplus => HomePowerState.WaitingForSurplus,
            PvSurplusReason.Stopping => HomePowerState.Stopping,
            PvSurplusReason.NotEnoughSurplus => HomePowerState.NoSurplus,
            PvSurplusReason.MinPlusSolarFloor => HomePowerState.ChargingAtMinimum,
            PvSurplusReason.Full or PvSurplusReason.NotConnected => HomePowerState.AtLimit,
            _ => HomePowerState.ChargingFromSurplus,
        };
        return new HomePowerStep(Held(input, decision.SetPoint), state, decision.Remaining, decision.Surplus, null, decision.Reason, null);
    }

    /// <summary>
    /// The set point in force while charging goes on within one ampere of it on the phases in use: a charger set in watts
    /// would otherwise be written at nearly every step for a few watts of PV noise.
    /// </summary>
    private static Power Held(in HomePowerInput input, Power setPoint) =>
        input.InForce.IsCharging && setPoint.IsCharging && (setPoint - input.InForce).Abs() < ChargerCapabilities.PowerAt(1, input.Capabilities.Phases)
            ? input.InForce : setPoint;

    /// <summary>What the charger reports delivering; a value that is not a number is as good as none.</summary>
    private static Power? Delivered(in HomePowerInput input) =>
        input.ChargerPower is { } power && double.IsFinite(power.Watts) ? power : null;

    /// <summary>What the car charges with now: as the charger reports it, else the charging set point in force.</summary>
    private static Power Charging(in HomePowerInput input) =>
        Delivered(input) ?? (input.InForce.IsCharging ? input.InForce : Power.Zero);

    /// <summary>A surplus step that leads, with the switch the phase controller wants: it stops the car first and
    /// happens once the car draws nothing.</summary>
    private HomePowerStep WithPhaseSwitch(in HomePowerInput input, HomePowerStep step)
    {
        if (!input.Capabilities.CanSwitchPhases) return step;
        _phasesStepped = true;
        var phases = _phases.Step(new PhaseSwitchInput(input.Now, step.SurplusReason == PvSurplusReason.StaleMeter ? null : step.Surplus,
            Charging(input), input.Capabilities));
        if (phases.Phases == input.Capabilities.Phases) return step;
        return phases.StopFirst
            ? step with { SetPoint = Power.Zero, State = HomePowerState.SwitchingPhases }
            : step with { SetPoint = Power.Zero, State = HomePowerState.SwitchingPhases, SwitchPhasesTo = phases.Phases };
    }
}

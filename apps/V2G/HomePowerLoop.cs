using ChargeBridge.Core.Chargers;
using ChargeBridge.Core.Control;
using ChargeBridge.Core.HomePower;
using ChargeBridge.Core.Meters;
using ChargeBridge.Core.Site;
using ChargeBridge.Core.Units;
using Microsoft.Extensions.Logging;

namespace ChargeBridge.Apps.V2G;

/// <summary>
/// Home power control for every loadpoint of a site, one <see cref="Step"/> per control tick on the meters' latest
/// readings (a read still under way does not hold it up: its reading only gets older, and a stale one stops
/// discharging). Each loadpoint's <see cref="HomePowerControl"/> asks for a set point in the mode its last minute step
/// left; with an import or export limit the <see cref="GridLimitAllocator"/> then shares the connection by priority
/// among what each loadpoint would ask for now (its mode's rules on that set point: a boost, the plan, min SoC), and
/// each loadpoint's controller carries its share to its charger. The house the limit is checked against is taken only
/// while the chargers deliver what they were told: a charger still ramping shows on the grid meter before its own
/// report catches up, and that difference is not house.
/// </summary>
internal sealed class HomePowerLoop
{
    private readonly IReadOnlyList<LoadpointRuntime> _loadpoints;
    private readonly SiteMeters _meters;
    private readonly HomePowerConfig _config;
    private readonly SiteServices _services;
    private readonly HomePowerControl[] _controls;
    private readonly HomePowerStep[] _steps;
    private readonly GridLimitSettings _gridLimit;
    private readonly bool _limited;
    private readonly int[] _switching;
    private readonly Power[] _requests;
    private readonly Power[] _inForce;
    private readonly DateTimeOffset[] _changedAt;
    private Power? _house;
    private GridLimitAllocation? _allocation;

    /// <summary>A charger delivering this close to its set point has settled (one ampere step and a little).</summary>
    private static readonly Power SettledWithin = Power.FromWatts(250);

    public HomePowerLoop(IReadOnlyList<LoadpointRuntime> loadpoints, SiteMeters meters, HomePowerConfig config, SiteServices services)
    {
        (_loadpoints, _meters, _config, _services) = (loadpoints, meters, config, services);
        _controls = [.. loadpoints.Select(_ => new HomePowerControl(new HomePowerSettings()))];
        _steps = new HomePowerStep[loadpoints.Count];
        _switching = new int[loadpoints.Count];
        _requests = new Power[loadpoints.Count];
        _inForce = new Power[loadpoints.Count];
        _changedAt = new DateTimeOffset[loadpoints.Count];
        _gridLimit = new GridLimitSettings(Power.FromWatts(config.GridLimitMarginW));
        _limited = meters.Connection.ImportLimit is not null || meters.Connection.ExportLimit is not null;
    }

    /// <summary>The latest step of each loadpoint, in the site's order.</summary>
    public IReadOnlyList<HomePowerStep> Steps => _steps;

    /// <summary>The grid limit's latest grant for loadpoint <paramref name="index"/>, when the site has a limit.</summary>
    public GridLimitGrant? Grant(int index) => _allocation is { } a && index < a.Grants.Count ? a.Grants[index] : null;

    /// <summary>One control step at <paramref name="now"/> on the latest recent balance (null: none), with what leads over
    /// the modes (<paramref name="site"/>: an outage, a frequency event).</summary>
    public void Step(DateTimeOffset now, SiteBalance? balance, SiteOverride? site = null)
    {
        site ??= SiteOverride.None;
        var grid = _meters.Grid?.Reading ?? MeterReading.None;
        var battery = _meters.Battery?.Reading is { } b && b.HealthAt(now, _meters.Connection.MeterStaleAfter) is MeterHealth.Ok or MeterHealth.Degraded
            ? b.Power : null;
        // The PV meter reads production as negative (SiteBalance's sign).
        Power? pv = _meters.Pv?.Reading is { } p && p.HealthAt(now, _meters.Connection.MeterStaleAfter) is MeterHealth.Ok or MeterHealth.Degraded
            ? -p.Power : null;
        var batterySoc = string.IsNullOrEmpty(_config.BatterySocEntity) ? null : _services.Ha.GetState(_config.BatterySocEntity)?.NumericState;
        // Each loadpoint sees the grid as it will be once those before it reach their new set points: two cars following
        // the same meter would otherwise each cover the whole house (or take the whole surplus) and swing against each other.
        var ahead = Power.Zero;
        for (var i = 0; i < _loadpoints.Count; i++)
        {
            var loadpoint = _loadpoints[i];
            if (loadpoint.Controller.HomePowerContext is not { } context)
            {
                _steps[i] = HomePowerStep.Off(HomePowerState.Off);
                _requests[i] = Power.Zero;
                continue;
            }
            var control = context.Input;
            var seen = ahead == Power.Zero || grid.Power is not { } measured ? grid : grid with { Power = measured + ahead };
            _steps[i] = _controls[i].Step(new HomePowerInput(now, control.Mode, seen, loadpoint.Controller.InForce, loadpoint.Charger.Status.ActualPower,
                control.CarConnected, control.Soc, control.Settings, loadpoint.Charger.Capabilities, control.PracticalMaxSoc, control.ScheduledSetPoint,
                context.SolarInAutomatic, context.HouseInAutomatic, context.Reserve, battery,
                batterySoc is { } soc ? new Percent(soc) : null)
            {
                DischargeUntil = context.DischargeUntil, PvPower = pv, Backup = site.Backup,
                // In Backup only the backup car follows the house; without a house reading the others hold 0 W.
                HouseLoad = i == site.Car ? site.HouseLoad : null,
                FrequencyResponse = i == site.Car ? site.Frequency : null,
            });
            _requests[i] = Request(now, context, _steps[i].SetPoint);
            if (_steps[i].SetPoint is { } next) ahead += next - loadpoint.Charger.Status.ActualPower;
        }
        // Without the grid there is no connection to share.
        _allocation = _limited && !site.Backup ? Allocate(now, balance) : null;
        for (var i = 0; i < _loadpoints.Count; i++)
        {
            var loadpoint = _loadpoints[i];
            if (loadpoint.Controller.HomePowerContext is not { } context) continue;
            // Home power leads where it asked for a set point, the mode or the plan elsewhere; the mode's rules take it
            // (below min SoC the car still charges at full power), and a limited loadpoint keeps within its share.
            Power? share = _allocation?.Grants[i] is { Limited: true } grant ? grant.Granted : null;
            loadpoint.Controller.Follow(context.Input.Mode, _steps[i].SetPoint, share);
            if (_steps[i].SwitchPhasesTo is { } phases && loadpoint.Charger is IPhaseSwitchingCharger switching
                && Interlocked.Exchange(ref _switching[i], 1) == 0)
                _ = SwitchPhasesAsync(i, switching, phases);
        }
    }

    /// <summary>What each loadpoint would ask for now, within the connection's limits.</summary>
    private GridLimitAllocation Allocate(DateTimeOffset now, SiteBalance? balance)
    {
        var requests = new GridLimitRequest[_loadpoints.Count];
        for (var i = 0; i < _loadpoints.Count; i++)
        {
            var loadpoint = _loadpoints[i];
            // Peak shaving by discharging is left to modes that discharge anyway: the limit only ever lowers what is asked.
            requests[i] = new GridLimitRequest(loadpoint.Loadpoint.Name, loadpoint.Priority, loadpoint.Charger.Capabilities, _requests[i], false);
        }
        return GridLimitAllocator.Allocate(SettledHouse(now, balance), _meters.Connection, _gridLimit, requests);
    }

    /// <summary>The set point the loadpoint's mode rules and safety envelope make of <paramref name="homePower"/> (null: the
    /// mode or the plan alone), as its minute step would send it now.</summary>
    private static Power Request(DateTimeOffset now, HomePowerContext context, Power? homePower) =>
        ChargeModeController.Decide(context.Input with { At = now, HomePower = homePower }).Command.SetPoint;

    /// <summary>The balance's house power while every charger delivers its set point (or has had the longest settling
    /// time to) and none moved while the meters were read, else the last one taken so.</summary>
    private Power? SettledHouse(DateTimeOffset now, SiteBalance? balance)
    {
        if (balance?.House is not { } house) return _house = null;
        var (settled, delivered) = (true, Power.Zero);
        for (var i = 0; i < _loadpoints.Count; i++)
        {
            var loadpoint = _loadpoints[i];
            var inForce = loadpoint.Controller.InForce;
            if (inForce != _inForce[i]) (_inForce[i], _changedAt[i]) = (inForce, now);
            var power = loadpoint.Charger.Status.ActualPower;
            delivered += power;
            if ((power - inForce).Abs() > SettledWithin && now - _changedAt[i] < _controls[i].Settings.Following.MaxSettling) settled = false;
        }
        // The balance took the chargers' reports before the meters: a report that changed since does not match the meter.
        if ((delivered - balance.Loadpoints).Abs() > SettledWithin) settled = false;
        if (settled || _house is null) _house = house;
        return _house;
    }

    /// <summary>One switch at a time per loadpoint: the controller asks again each step until the charger shows the new phases.</summary>
    private async Task SwitchPhasesAsync(int index, IPhaseSwitchingCharger charger, int phases)
    {
        var loadpoint = _loadpoints[index];
        ChargerCommandResult result;
        try
        {
            result = await charger.SwitchPhasesAsync(phases, CancellationToken.None);
        }
        finally
        {
            Volatile.Write(ref _switching[index], 0);
        }
        if (result.Succeeded) _services.Logger.LogInformation("Loadpoint {Loadpoint}: switched to {Phases} phase(s)", loadpoint.Loadpoint.Name, phases);
        else _services.Logger.LogWarning("Loadpoint {Loadpoint}: switching to {Phases} phase(s) refused: {Reason}", loadpoint.Loadpoint.Name, phases, result.Reason);
    }
}

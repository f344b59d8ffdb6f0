using ChargeBridge.Core.Chargers;
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
/// left; with an import or export limit the <see cref="GridLimitAllocator"/> then shares the connection by priority,
/// the plan's set points included; each loadpoint's controller carries the result to its charger.
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
    private GridLimitAllocation? _allocation;

    public HomePowerLoop(IReadOnlyList<LoadpointRuntime> loadpoints, SiteMeters meters, HomePowerConfig config, SiteServices services)
    {
        (_loadpoints, _meters, _config, _services) = (loadpoints, meters, config, services);
        _controls = [.. loadpoints.Select(_ => new HomePowerControl(new HomePowerSettings()))];
        _steps = new HomePowerStep[loadpoints.Count];
        _switching = new int[loadpoints.Count];
        _gridLimit = new GridLimitSettings(Power.FromWatts(config.GridLimitMarginW));
        _limited = meters.Connection.ImportLimit is not null || meters.Connection.ExportLimit is not null;
    }

    /// <summary>The latest step of each loadpoint, in the site's order.</summary>
    public IReadOnlyList<HomePowerStep> Steps => _steps;

    /// <summary>The grid limit's latest grant for loadpoint <paramref name="index"/>, when the site has a limit.</summary>
    public GridLimitGrant? Grant(int index) => _allocation is { } a && index < a.Grants.Count ? a.Grants[index] : null;

    /// <summary>One control step at <paramref name="now"/>; <paramref name="house"/> is the house's power from the latest balance.</summary>
    public void Step(DateTimeOffset now, Power? house)
    {
        var grid = _meters.Grid?.Reading ?? MeterReading.None;
        var battery = _meters.Battery?.Reading is { } b && b.HealthAt(now, _meters.Connection.MeterStaleAfter) is MeterHealth.Ok or MeterHealth.Degraded
            ? b.Power : null;
        // The PV meter reads production as negative (SiteBalance's sign).
        Power? pv = _meters.Pv?.Reading is { } p && p.HealthAt(now, _meters.Connection.MeterStaleAfter) is MeterHealth.Ok or MeterHealth.Degraded
            ? -p.Power : null;
        var batterySoc = string.IsNullOrEmpty(_config.BatterySocEntity) ? null : _services.Ha.GetState(_config.BatterySocEntity)?.NumericState;
        for (var i = 0; i < _loadpoints.Count; i++)
        {
            var loadpoint = _loadpoints[i];
            if (loadpoint.Controller.HomePowerContext is not { } context)
            {
                _steps[i] = HomePowerStep.Off(HomePowerState.Off);
                continue;
            }
            var control = context.Input;
            _steps[i] = _controls[i].Step(new HomePowerInput(now, control.Mode, grid, loadpoint.Controller.InForce, loadpoint.Charger.Status.ActualPower,
                control.CarConnected, control.Soc, control.Settings, loadpoint.Charger.Capabilities, control.PracticalMaxSoc, control.ScheduledSetPoint,
                context.SolarInAutomatic, context.HouseInAutomatic, context.Reserve, battery,
                batterySoc is { } soc ? new Percent(soc) : null) { DischargeUntil = context.DischargeUntil, PvPower = pv });
        }
        _allocation = _limited ? Allocate(house) : null;
        for (var i = 0; i < _loadpoints.Count; i++)
        {
            var loadpoint = _loadpoints[i];
            if (loadpoint.Controller.HomePowerContext is not { } context) continue;
            var setPoint = _allocation?.Grants[i] is { Limited: true } grant ? grant.Granted : _steps[i].SetPoint;
            loadpoint.Controller.Follow(context.Input.Mode, setPoint);
            if (_steps[i].SwitchPhasesTo is { } phases && loadpoint.Charger is IPhaseSwitchingCharger switching
                && Interlocked.Exchange(ref _switching[i], 1) == 0)
                _ = SwitchPhasesAsync(i, switching, phases);
        }
    }

    /// <summary>Every loadpoint's wish (home power's, else what its minute step asked) within the connection's limits.</summary>
    private GridLimitAllocation Allocate(Power? house)
    {
        var requests = new GridLimitRequest[_loadpoints.Count];
        for (var i = 0; i < _loadpoints.Count; i++)
        {
            var loadpoint = _loadpoints[i];
            var context = loadpoint.Controller.HomePowerContext;
            var wanted = _steps[i].SetPoint ?? context?.Requested ?? Power.Zero;
            // Peak shaving by discharging is left to modes that discharge anyway: the limit only ever lowers what is asked.
            requests[i] = new GridLimitRequest(loadpoint.Loadpoint.Name, loadpoint.Priority, loadpoint.Charger.Capabilities, wanted, false);
        }
        return GridLimitAllocator.Allocate(house, _meters.Connection, _gridLimit, requests);
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

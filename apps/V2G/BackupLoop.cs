using System.Globalization;
using ChargeBridge.Apps.V2G.Notifications;
using ChargeBridge.Core.HomePower;
using ChargeBridge.Core.Meters;
using ChargeBridge.Core.Notifications;
using ChargeBridge.Core.Site;
using ChargeBridge.HassModel;
using Microsoft.Extensions.Logging;

namespace ChargeBridge.Apps.V2G;

/// <summary>
/// Outage backup for the site, one <see cref="Step"/> per control step: reads the grid-status source (an HA entity, or
/// the grid meter's own voltage or frequency), runs <see cref="BackupController"/> on it with the house's load and the
/// car that would power the house, switches the non-essential loads off and back on through HA
/// (<c>homeassistant.turn_off</c>/<c>turn_on</c>, which any switch, light or input boolean takes), and sends the
/// critical outage notification with the hours left, then the grid-back message. Whether the site is in Backup, since
/// when and the loads switched off are kept in <see cref="FileName"/> in the site's data folder, written when Backup
/// starts or ends and read at start, so a restart during an outage goes on in Backup and still switches those loads back on.
/// </summary>
internal sealed class BackupLoop : IDisposable
{
    private readonly BackupConfig _config;
    private readonly GridStatusSource _source;
    private readonly SiteServices _services;
    private readonly SiteMeters _meters;
    private readonly NotificationSender _sender;
    private readonly JsonStateFile<BackupMemory> _file;

    public const string FileName = "v2g-backup.json";

    public BackupLoop(BackupConfig config, GridStatusSource source, SiteMeters meters, IReadOnlyList<string> notifyTargets, string dataFolder,
        SiteServices services)
    {
        (_config, _source, _meters, _services) = (config, source, meters, services);
        _file = new(dataFolder, FileName, "Backup state",
            "Backup starts afresh, and loads an earlier Backup switched off stay off until switched on by hand", m => m.IsValid, services.Logger);
        var restored = _file.Load();
        if (restored is { InBackup: true })
            services.Logger.LogWarning("Backup goes on after a restart: in Backup since {Since}; {Loads} stay off until the grid has been back for the hold time",
                restored.Since, restored.Shed);
        Controller = new BackupController(config.Settings(), restored);
        _sender = new NotificationSender(services.Ha, [.. notifyTargets.Select(V2GNotifier.ServiceOf)], services.Logger);
    }

    public BackupController Controller { get; }

    public BackupStep Step(DateTimeOffset now, SiteBalance? balance, IReadOnlyList<LoadpointRuntime> loadpoints, int? car)
    {
        var signal = GridStatusReader.Classify(_source, SourceState(now), Controller.Settings);
        var context = car is { } i ? loadpoints[i].Controller.HomePowerContext : null;
        var loads = _config.Loads.Select(e => new LoadSwitchState(e, _services.Ha.GetState(e)?.State switch { "on" => true, "off" => false, _ => null })).ToList();
        var since = Controller.Since;
        var step = Controller.Step(new BackupInput(now, signal, balance?.House, loads, context?.Input.Soc, context?.Input.Settings));
        if (step.Status.Started) Started(now, step);
        if (step.Status.Ended) Ended(now, since, step);
        return step;
    }

    /// <summary>The source's state as text: the HA entity's, or the grid meter's voltage or frequency while its reading is
    /// fresh (null: the meter has dropped out).</summary>
    private string? SourceState(DateTimeOffset now)
    {
        if (!string.IsNullOrWhiteSpace(_config.Entity)) return _services.Ha.GetState(_config.Entity)?.State;
        var reading = _meters.Grid?.Reading;
        if (reading is null || reading.HealthAt(now, _meters.Connection.MeterStaleAfter) is not (MeterHealth.Ok or MeterHealth.Degraded)) return null;
        var value = _source == GridStatusSource.Voltage ? reading.Voltage : reading.Frequency;
        return value?.ToString(CultureInfo.InvariantCulture);
    }

    private void Started(DateTimeOffset now, BackupStep step)
    {
        // Saved before the loads go off: a crash in between must not lose them.
        Save();
        _services.Logger.LogWarning("Backup started: grid outage; switching off {Loads}; {HoursLeft} h left at {RecentLoadW} W, {AboveReserveKwh} kWh above the reserve",
            step.SwitchOff, step.HoursLeft, step.RecentLoad?.Watts, step.AboveReserve?.KilowattHours);
        foreach (var load in step.SwitchOff) _services.Ha.CallService("homeassistant", "turn_off", ServiceTarget.Entity(load));
        _sender.Send([new SendNotification(ProductNotifications.BackupStarted(step.HoursLeft, step.AboveReserve, Controller.Settings.Reserve))], now);
    }

    private void Ended(DateTimeOffset now, DateTimeOffset? since, BackupStep step)
    {
        // A restart's clock may be behind the saved start: no negative duration.
        var lasted = since is { } start && now > start ? now - start : TimeSpan.Zero;
        _services.Logger.LogWarning("Backup ended: the grid is back; switching on {Loads}", step.SwitchOn);
        foreach (var load in step.SwitchOn) _services.Ha.CallService("homeassistant", "turn_on", ServiceTarget.Entity(load));
        // Saved after the loads are on: a crash in between switches them on again after the restart, which does no harm.
        Save();
        _sender.Send([new SendNotification(ProductNotifications.BackupEnded(lasted))], now);
    }

    private void Save()
    {
        try
        {
            _file.Save(Controller.Memory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _services.Logger.LogWarning("Backup state not saved to {File} ({Reason}): a restart now would forget the loads switched off",
                _file.Path, e.Message);
        }
    }

    public void Dispose() => _sender.Dispose();
}

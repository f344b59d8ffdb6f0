using System.Globalization;
using ChargeBridge.Core.HomePower;

namespace ChargeBridge.Apps.V2G;

/// <summary>The site's outage and frequency sensors: the site mode (normal or backup), the hours of backup left, and
/// today's frequency events with their energy.</summary>
internal static class SiteModeSensors
{
    public const string SiteMode = "sensor.chargebridge_site_mode";
    public const string BackupHoursLeft = "sensor.chargebridge_backup_hours_left";
    public const string FrequencyEventsToday = "sensor.chargebridge_frequency_events_today";

    public static IReadOnlyList<string> All => [SiteMode, BackupHoursLeft, FrequencyEventsToday];

    public static async Task PublishAsync(ISensorPublisher publisher, BackupStep? backup, IReadOnlyList<string> loadsOff, FrequencyResponseStep? frequency)
    {
        var status = backup?.Status;
        await publisher.PublishAsync(SiteMode, status?.InBackup == true ? "backup" : "normal", new Dictionary<string, object?>
        {
            ["friendly_name"] = "Site mode",
            ["icon"] = status?.InBackup == true ? "mdi:home-battery" : "mdi:transmission-tower",
            ["options"] = new[] { "normal", "backup" },
            ["device_class"] = "enum",
            ["grid_signal"] = status?.Signal.ToString(),
            ["backup_enabled"] = backup is not null,
            ["remaining_s"] = status?.Remaining is { } left ? Math.Round(left.TotalSeconds) : null,
            ["loads_off"] = loadsOff,
            ["frequency_event"] = frequency?.Active?.Kind.ToString(),
        }, CancellationToken.None);
        await publisher.PublishAsync(BackupHoursLeft, backup?.HoursLeft is { } hours ? hours.ToString("0.0", CultureInfo.InvariantCulture) : "unknown",
            new Dictionary<string, object?>
            {
                ["friendly_name"] = "Backup hours left",
                ["icon"] = "mdi:timer-sand",
                ["unit_of_measurement"] = "h",
                ["state_class"] = "measurement",
                ["recent_load_w"] = backup?.RecentLoad is { } load ? Math.Round(load.Watts) : null,
                ["above_reserve_kwh"] = backup?.AboveReserve is { } energy ? Math.Round(energy.KilowattHours, 2) : null,
            }, CancellationToken.None);
        await publisher.PublishAsync(FrequencyEventsToday, (frequency?.EventsToday ?? 0).ToString(CultureInfo.InvariantCulture), new Dictionary<string, object?>
        {
            ["friendly_name"] = "Frequency events today",
            ["icon"] = "mdi:sine-wave",
            ["state_class"] = "measurement",
            ["energy_kwh"] = Math.Round(frequency?.EnergyToday.KilowattHours ?? 0, 3),
            ["active"] = frequency?.Active?.Kind.ToString(),
            ["enabled"] = frequency is not null,
        }, CancellationToken.None);
    }
}

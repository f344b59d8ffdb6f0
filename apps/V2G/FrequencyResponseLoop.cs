using ChargeBridge.Apps.V2G.Notifications;
using ChargeBridge.Core.HomePower;
using ChargeBridge.Core.Meters;
using ChargeBridge.Core.Notifications;
using ChargeBridge.Core.Site;
using Microsoft.Extensions.Logging;

namespace ChargeBridge.Apps.V2G;

/// <summary>
/// Frequency response for the site, one <see cref="Step"/> per control step: reads the grid frequency (an HA sensor in
/// Hz, or the grid meter's own reading while it is fresh), runs <see cref="FrequencyResponseController"/> for the car
/// that answers (<see cref="BackupCar"/>), logs every event's start and end with its fields and, when one ends, tells
/// the household what the car did. In Backup there is no grid to support: a running event stops.
/// </summary>
internal sealed class FrequencyResponseLoop(FrequencyConfig config, SiteMeters meters, IReadOnlyList<string> notifyTargets, SiteServices services)
    : IDisposable
{
    private readonly FrequencyResponseController _controller = new(config.Settings());
    private readonly NotificationSender _sender = new(services.Ha, [.. notifyTargets.Select(V2GNotifier.ServiceOf)], services.Logger);

    public FrequencyResponseStep Step(DateTimeOffset now, IReadOnlyList<LoadpointRuntime> loadpoints, int? car, bool inBackup)
    {
        // Without a car the first loadpoint stands in, not connected: a running event ends.
        var loadpoint = loadpoints[car ?? 0];
        var input = loadpoint.Controller.HomePowerContext?.Input;
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, services.Zone).DateTime);
        var step = _controller.Step(new FrequencyResponseInput(now, today, Hz(now), car is not null && input is { CarConnected: true } && !inBackup,
            input?.Soc, loadpoint.Charger.Status.ActualPower, input?.Settings ?? new(), loadpoint.Charger.Capabilities));
        if (step.Started is { } started)
            services.Logger.LogWarning("Frequency event started: {Kind} at {Hz} Hz, set point {SetPointW} W on {Loadpoint}; event {Count} today",
                started.Kind, started.TriggerHz, started.SetPoint.Watts, loadpoint.Loadpoint.Name, step.EventsToday);
        if (step.Ended is { } ended)
        {
            services.Logger.LogWarning(
                "Frequency event ended: {Kind} from {Start} to {End} ({DurationS} s), set point {SetPointW} W, {EnergyKwh} kWh, extreme {ExtremeHz} Hz, trigger {TriggerHz} Hz, because {EndReason}; today {Count} events, {TodayKwh} kWh",
                ended.Kind, ended.Start, ended.End, (ended.End - ended.Start)?.TotalSeconds, ended.SetPoint.Watts, ended.Energy.KilowattHours,
                ended.ExtremeHz, ended.TriggerHz, ended.EndReason, step.EventsToday, step.EnergyToday.KilowattHours);
            _sender.Send([new SendNotification(ProductNotifications.FrequencyEventEnded(ended))], now);
        }
        return step;
    }

    /// <summary>The frequency from the sensor or the fresh grid meter; null when unknown.</summary>
    private double? Hz(DateTimeOffset now)
    {
        if (!string.IsNullOrWhiteSpace(config.Entity)) return services.Ha.GetState(config.Entity)?.NumericState;
        var reading = meters.Grid?.Reading;
        return reading is not null && reading.HealthAt(now, meters.Connection.MeterStaleAfter) is MeterHealth.Ok or MeterHealth.Degraded
            ? reading.Frequency : null;
    }

    public void Dispose() => _sender.Dispose();
}

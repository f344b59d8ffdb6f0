using ChargeBridge.Core.Planning;
using ChargeBridge.Core.Telemetry;
using ChargeBridge.Devices.Registry;
using ChargeBridge.HassModel;
using ChargeBridge.HassModel.Helpers;
using Microsoft.Extensions.Logging;

namespace ChargeBridge.Apps.V2G;

/// <summary>What every loadpoint of a site shares: HA, the sensor publisher and the controls (REST and helpers, or
/// MQTT), the clock, HA's time zone, the logger, the settings helpers' upkeep (null on MQTT: there are no helpers),
/// the device registry and the host's HTTP handlers (FlexMeasures' connections).</summary>
internal sealed record SiteServices(IHaContext Ha, ISensorPublisher Publisher, IControlEntities Controls, TimeProvider Time, TimeZoneInfo Zone,
    ILogger Logger, ILoggerFactory Logging, DeviceRegistry Devices, HelperUpkeep? Helpers, IHttpMessageHandlerFactory Http)
{
    /// <summary>What a plan starting at a time for a horizon knows of the house, PV and grid limits; null: plans see the car alone.</summary>
    public Func<DateTimeOffset, TimeSpan, SiteForecast?>? PlanSite { get; init; }

    /// <summary>Where each control step's sample goes (InfluxDB, Prometheus); none while telemetry is off.</summary>
    public ITelemetrySink Telemetry { get; init; } = NoTelemetry.Instance;
}

namespace ChargeBridge.Apps.V2G.FlexMeasures;

/// <summary>
/// The FlexMeasures account and sensors (section <c>FlexMeasures</c> of V2GConfig). With it, FlexMeasures plans (the
/// local optimiser steps in when it cannot) and receives the charger's measurements; without it nothing is contacted.
/// </summary>
public sealed class FlexMeasuresConfig
{
    /// <summary>The server root, e.g. https://seita.energy/.</summary>
    public string Url { get; set; } = "";
    public string Email { get; set; } = "";
    /// <summary>Never logged: <see cref="ToString"/> and every message leave it out.</summary>
    public string Password { get; set; } = "";
    /// <summary>The charger's power sensor: schedules are asked for it and its measurements posted to it.</summary>
    public int PowerSensor { get; set; }
    public int ConsumptionPriceSensor { get; set; }
    public int ProductionPriceSensor { get; set; }
    /// <summary>The asset holding the power sensor, for FlexMeasures 1.0's asset endpoint; empty for the sensor endpoint.</summary>
    public int? AssetId { get; set; }
    /// <summary>Sensors receiving the 5-minute SoC (%) and availability (%) measurements.</summary>
    public int SocSensor { get; set; }
    public int AvailabilitySensor { get; set; }
    /// <summary>How long one request may take before the local optimiser plans instead.</summary>
    public double TimeoutSeconds { get; set; } = 30;

    /// <summary>The first problem with this section, naming the key, or null when it is usable.</summary>
    public string? Problem()
    {
        if (!Uri.TryCreate(Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            return $"V2GConfig:FlexMeasures:Url must be the server's http(s) address, not '{Url}'";
        if (string.IsNullOrWhiteSpace(Email)) return "V2GConfig:FlexMeasures:Email is not set";
        if (string.IsNullOrEmpty(Password)) return "V2GConfig:FlexMeasures:Password is not set";
        foreach (var (key, id) in new[]
                 {
                     ("PowerSensor", PowerSensor), ("ConsumptionPriceSensor", ConsumptionPriceSensor),
                     ("ProductionPriceSensor", ProductionPriceSensor), ("SocSensor", SocSensor), ("AvailabilitySensor", AvailabilitySensor),
                 })
        {
            if (id <= 0) return $"V2GConfig:FlexMeasures:{key} must be a FlexMeasures sensor id (a positive number)";
        }
        if (AssetId is <= 0) return "V2GConfig:FlexMeasures:AssetId must be a positive number or left out";
        return TimeoutSeconds > 0 ? null : "V2GConfig:FlexMeasures:TimeoutSeconds must be positive";
    }

    public override string ToString() => $"FlexMeasures {Url} as {Email} (password hidden)";
}

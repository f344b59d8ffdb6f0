using ChargeBridge.Core.Settings;
using ChargeBridge.HassModel.Runtime;

namespace ChargeBridge.Apps.V2G.FlexMeasures;

/// <summary>
/// The FlexMeasures account and sensors (section <c>FlexMeasures</c> of V2GConfig). With it, FlexMeasures plans (the
/// local optimiser steps in when it cannot) and receives the charger's measurements; without it nothing is contacted.
/// </summary>
public sealed class FlexMeasuresConfig : IValidatableConfig
{
    /// <summary>The server root, e.g. https://seita.energy/.</summary>
    public string Url { get; set; } = "";
    public string Email { get; set; } = "";
    /// <summary>Never logged: <see cref="ToString"/> and every message leave it out.</summary>
    public string Password { get; set; } = "";
    /// <summary>A file holding the password (a Docker secret, or a file of mode 600): the host reads it into
    /// <see cref="Password"/> at start-up (docs/user-guide.md, "Secrets in files").</summary>
    public string? PasswordFile { get; set; }
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

    public Uri BaseAddress => new(Url.EndsWith('/') ? Url : Url + "/");

    /// <summary>Every sensor this section names, by its key.</summary>
    public IEnumerable<(string Key, int Id)> Sensors =>
    [
        (nameof(PowerSensor), PowerSensor), (nameof(ConsumptionPriceSensor), ConsumptionPriceSensor),
        (nameof(ProductionPriceSensor), ProductionPriceSensor), (nameof(SocSensor), SocSensor), (nameof(AvailabilitySensor), AvailabilitySensor),
    ];

    /// <summary>Every problem with this section (keys relative to it); never the password itself.</summary>
    public IEnumerable<ConfigProblem> Validate()
    {
        if (!Uri.TryCreate(Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            yield return new(nameof(Url), $"'{RedactedUrl.Of(Url)}' is not a web address: put your FlexMeasures server's address here, such as https://seita.energy/.");
        else if (RedactedUrl.HasUserInfo(Url))
            yield return new(nameof(Url), $"'{RedactedUrl.Of(Url)}' carries a user name or password: give the address alone and the account in Email and Password (or PasswordFile).");
        if (string.IsNullOrWhiteSpace(Email))
            yield return new(nameof(Email), "is empty: put the e-mail address of your FlexMeasures account here.");
        if (string.IsNullOrEmpty(Password))
            yield return new(nameof(Password), "is empty: put your FlexMeasures password here (or in the environment, never in a shared file).");
        foreach (var (key, id) in Sensors.Where(s => s.Id <= 0))
            yield return new(key, $"must be a FlexMeasures sensor id (a positive number), not {id}.");
        if (AssetId is <= 0) yield return new(nameof(AssetId), "must be a positive number or left out.");
        if (TimeoutSeconds <= 0) yield return new(nameof(TimeoutSeconds), $"must be positive, not {TimeoutSeconds}.");
    }

    public override string ToString() => $"FlexMeasures {RedactedUrl.Of(Url)} as {Email} (password hidden)";
}

using ChargeBridge.HassModel.Runtime;

namespace ChargeBridge.Host.Configuration;

/// <summary>The FlexMeasures account and sensors (section <c>FlexMeasures</c>); optional: without it the apps plan locally.</summary>
internal sealed class FlexMeasuresSettings : IValidatableConfig
{
    public const string Section = "FlexMeasures";

    /// <summary>The server's root, for example https://seita.energy/.</summary>
    public string Url { get; set; } = "";
    public string Email { get; set; } = "";
    public string Password { get; set; } = "";
    /// <summary>The charger's power sensor, which schedules are asked for.</summary>
    public int PowerSensor { get; set; }
    public int ConsumptionPriceSensor { get; set; }
    public int ProductionPriceSensor { get; set; }

    public Uri BaseAddress => new(Url.EndsWith('/') ? Url : Url + "/");

    /// <summary>The sensors set, by the key naming them.</summary>
    public IEnumerable<(string Key, int Id)> Sensors =>
        new[] { (nameof(PowerSensor), PowerSensor), (nameof(ConsumptionPriceSensor), ConsumptionPriceSensor), (nameof(ProductionPriceSensor), ProductionPriceSensor) }
            .Where(s => s.Item2 != 0);

    public IEnumerable<ConfigProblem> Validate()
    {
        if (!Uri.TryCreate(Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            yield return new(nameof(Url), $"'{Url}' is not a web address: put your FlexMeasures server's address here, such as https://seita.energy/.");
        if (string.IsNullOrWhiteSpace(Email))
            yield return new(nameof(Email), "is empty: put the e-mail address of your FlexMeasures account here.");
        if (string.IsNullOrEmpty(Password))
            yield return new(nameof(Password), "is empty: put your FlexMeasures password here (or in the environment variable FlexMeasures__Password).");
        if (PowerSensor <= 0)
            yield return new(nameof(PowerSensor), "is not set: put the id of the charger's power sensor in FlexMeasures here.");
        foreach (var (key, id) in new[] { (nameof(ConsumptionPriceSensor), ConsumptionPriceSensor), (nameof(ProductionPriceSensor), ProductionPriceSensor) })
            if (id < 0)
                yield return new(key, $"must be a sensor id (a positive number), not {id}.");
    }
}

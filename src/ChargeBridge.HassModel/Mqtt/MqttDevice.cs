namespace ChargeBridge.HassModel.Mqtt;

/// <summary>The device HA groups the entities under (the discovery config's <c>device</c> block).</summary>
/// <param name="Identifiers">Stable ids of the device; the first also prefixes every entity's unique_id.</param>
public sealed record MqttDevice(IReadOnlyList<string> Identifiers, string Name, string Manufacturer, string Model, string SwVersion, Uri? ConfigurationUrl = null)
{
    public string UniqueIdPrefix => Identifiers.Count > 0 && !string.IsNullOrWhiteSpace(Identifiers[0])
        ? Identifiers[0]
        : throw new ArgumentException("a device needs at least one non-empty identifier", nameof(Identifiers));
}

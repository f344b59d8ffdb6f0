namespace ChargeBridge.Devices.Shelly;

/// <summary>Which Shelly meter <see cref="ShellySimulator"/> plays.</summary>
public enum ShellyModel
{
    /// <summary>Gen1 Shelly EM: <c>/status</c> with two <c>emeters</c>, basic auth.</summary>
    Gen1Em,
    /// <summary>Shelly Pro 3EM, triphase profile: <c>EM.GetStatus</c> and <c>EMData.GetStatus</c> for id 0, digest auth.</summary>
    Pro3Em,
    /// <summary>Shelly Pro EM: <c>EM1.GetStatus</c> and <c>EM1Data.GetStatus</c> for ids 0 and 1, digest auth.</summary>
    ProEm,
}

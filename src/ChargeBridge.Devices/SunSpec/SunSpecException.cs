namespace ChargeBridge.Devices.SunSpec;

/// <summary>The device answered, but not with a SunSpec map this driver can read (no marker, no supported model).</summary>
internal sealed class SunSpecException(string message) : Exception(message);

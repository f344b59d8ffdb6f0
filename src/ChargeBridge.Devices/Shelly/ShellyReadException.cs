namespace ChargeBridge.Devices.Shelly;

/// <summary>A read that failed for a reason of the device or the network. The message is the short reason shown as the
/// reading's problem, so it never holds credentials.</summary>
internal sealed class ShellyReadException(string reason) : Exception(reason);

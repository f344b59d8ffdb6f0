namespace ChargeBridge.Devices.NrgKick;

/// <summary>An exchange with the NRGKICK failed. The message names the resource (<c>/api/settings</c>) and what went
/// wrong, never the password that is part of the request's path.</summary>
public sealed class NrgKickException(string message) : Exception(message);

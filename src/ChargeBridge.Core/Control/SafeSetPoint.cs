using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Control;

/// <summary>The set point the safety envelope allows for a request, and why it differs (or "within limits").</summary>
public sealed record SafeSetPoint(Power Requested, Power Allowed, string Reason)
{
    public bool Limited => Requested != Allowed;
}

using ChargeBridge.Core.Chargers;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Devices.Registry;

/// <summary>How a polled charger's status reads while it does not answer: unreachable at once, Faulted only once it
/// has been silent for the driver's fault delay, so one lost answer does not flap the state.</summary>
internal static class ChargerSilence
{
    public static ChargerStatus Unreachable(ChargerStatus last, DateTimeOffset now, DateTimeOffset? lastAnswer, TimeSpan faultAfter, string reason)
    {
        var silentFor = now - (lastAnswer ?? now - faultAfter);
        if (silentFor < faultAfter) return last with { At = now, Reachable = false, FaultReason = reason };
        return last with
        {
            At = now, State = ChargerState.Faulted, CarConnected = null, ActualPower = Power.Zero, Reachable = false,
            FaultReason = lastAnswer is { } answered ? $"no valid answer since {answered:u}: {reason}" : $"no valid answer: {reason}",
            DeviceStateText = "unreachable",
        };
    }
}

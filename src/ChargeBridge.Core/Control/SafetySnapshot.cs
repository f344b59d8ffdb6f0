using ChargeBridge.Core.Chargers;
using ChargeBridge.Core.Settings;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Control;

/// <summary>
/// What the safety envelope needs to know at one moment: the car's SoC (null when unknown), whether a car is
/// connected, whether the charger is faulted, what the charger can do, the user's settings (min SoC, power limits)
/// and the practical maximum SoC (the level the car still accepts power at; 97 % for a Quasar with a Leaf).
/// </summary>
public sealed record SafetySnapshot(
    Percent? Soc,
    bool CarConnected,
    bool Faulted,
    ChargerCapabilities Capabilities,
    ChargeSettings Settings,
    Percent PracticalMaxSoc)
{
    public static readonly Percent DefaultPracticalMaxSoc = new(97);
}

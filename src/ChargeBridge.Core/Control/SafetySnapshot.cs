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

    /// <summary>Discharging stops this far above min SoC, so measurement lag never takes the car below the floor.</summary>
    public static readonly Percent FloorMargin = new(1);

    /// <summary>The SoC at or below which no discharge is allowed: min SoC plus the margin.</summary>
    public Percent DischargeFloor => new(Settings.MinSoc.Value + FloorMargin.Value);

    /// <summary>The charge limit: the lower of the charger's and the user's.</summary>
    public Power MaxCharge => Min(Capabilities.MaxChargePower, Settings.MaxChargePower);

    /// <summary>The discharge limit as a magnitude; zero when the charger cannot discharge.</summary>
    public Power MaxDischarge => Capabilities.Bidirectional ? Min(Capabilities.MaxDischargePower, Settings.MaxDischargePower) : Power.Zero;

    private static Power Min(Power a, Power b) => a < b ? a : b;
}

using ChargeBridge.Core.Chargers;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Site;

/// <summary>One charger and the car on it: its name (part of every entity id and file it owns), the charger port,
/// where the car's SoC comes from, and the SoC the car still accepts power at (97 % for a Leaf on a Quasar).</summary>
public sealed record Loadpoint(LoadpointName Name, ICharger Charger, VehicleSoc Soc, Percent PracticalMaxSoc);

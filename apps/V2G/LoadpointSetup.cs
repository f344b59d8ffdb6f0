using ChargeBridge.Core.Chargers;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Apps.V2G;

/// <summary>One loadpoint as its control loop sees it: its entities, its charger, the car's calendar, the SoC the car
/// still accepts power at, and the car integration's SoC entity (null: the charger's SoC).</summary>
internal sealed record LoadpointSetup(V2GEntities Entities, ICharger Charger, CalendarReader Calendar, Percent PracticalMax, string? SocEntity);

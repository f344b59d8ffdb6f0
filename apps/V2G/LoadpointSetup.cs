using ChargeBridge.Core.Site;
using ChargeBridge.Core.Wear;

namespace ChargeBridge.Apps.V2G;

/// <summary>One loadpoint as its control loop sees it: the loadpoint (charger, SoC source, practical max), its entities,
/// the car's calendar, whether days without an event may get a learned departure, what discharging wears the battery,
/// and what the charger and its installation cost (EUR; 0: no payback shown).</summary>
internal sealed record LoadpointSetup(Loadpoint Loadpoint, V2GEntities Entities, CalendarReader Calendar, bool LearnedDepartures = true,
    BatteryWear? Wear = null, double EquipmentCostEur = 0);

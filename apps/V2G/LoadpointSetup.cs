using ChargeBridge.Core.Site;

namespace ChargeBridge.Apps.V2G;

/// <summary>One loadpoint as its control loop sees it: the loadpoint (charger, SoC source, practical max), its entities
/// and the car's calendar.</summary>
internal sealed record LoadpointSetup(Loadpoint Loadpoint, V2GEntities Entities, CalendarReader Calendar);

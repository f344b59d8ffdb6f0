using ChargeBridge.Core.Site;

namespace ChargeBridge.Apps.V2G;

/// <summary>One loadpoint as its control loop sees it: the loadpoint (charger, SoC source, practical max), its entities,
/// the car's calendar, whether days without an event may get a learned departure, and where its controls live (null:
/// the input_* helpers in HA).</summary>
internal sealed record LoadpointSetup(Loadpoint Loadpoint, V2GEntities Entities, CalendarReader Calendar, bool LearnedDepartures = true,
    IControlEntities? Controls = null)
{
    /// <summary>The controls given, or the input_* helpers in <paramref name="ha"/>.</summary>
    public IControlEntities ControlsIn(HassModel.IHaContext ha) => Controls ?? new HelperControls(ha);
}

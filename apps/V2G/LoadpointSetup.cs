using ChargeBridge.Core.Site;
using ChargeBridge.Core.Wear;

namespace ChargeBridge.Apps.V2G;

/// <summary>One loadpoint as its control loop sees it: the loadpoint (charger, SoC source, practical max), its entities,
/// the car's calendar, whether days without an event may get a learned departure, where its controls live (null: the
/// input_* helpers in HA), what discharging wears the battery, and what the charger and its installation cost (EUR; 0:
/// no payback shown).</summary>
internal sealed record LoadpointSetup(Loadpoint Loadpoint, V2GEntities Entities, CalendarReader Calendar, bool LearnedDepartures = true,
    IControlEntities? Controls = null, BatteryWear? Wear = null, double EquipmentCostEur = 0)
{
    /// <summary>The controls given, or the input_* helpers in <paramref name="ha"/>.</summary>
    public IControlEntities ControlsIn(HassModel.IHaContext ha) => Controls ?? new HelperControls(ha);
}

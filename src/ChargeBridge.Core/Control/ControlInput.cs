using ChargeBridge.Core.Chargers;
using ChargeBridge.Core.Settings;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Control;

/// <summary>
/// Everything one control tick decides on. <see cref="WasConnected"/> is the connection state of the previous tick,
/// so plugging in and unplugging are seen as edges; <see cref="ScheduledSetPoint"/> is the set point of the current
/// schedule slot, or null when there is no valid schedule for now; <see cref="HomePower"/> the set point home power
/// control asks for (load following, PV surplus, the plan shaped by them), or null when it does not lead now;
/// <see cref="GridShare"/> the grid limit's share for this loadpoint while the limit holds it back (null: not limited),
/// to which whatever the mode asks is lowered.
/// </summary>
public sealed record ControlInput(
    DateTimeOffset At,
    ChargeMode Mode,
    Percent? Soc,
    bool CarConnected,
    bool WasConnected,
    bool Faulted,
    Power? ScheduledSetPoint,
    ChargeSettings Settings,
    ChargerCapabilities Capabilities,
    Percent PracticalMaxSoc)
{
    public Power? HomePower { get; init; }

    public Power? GridShare { get; init; }

    public ControlInput WithHomePower((Power? SetPoint, Power? GridShare) lead) => this with { HomePower = lead.SetPoint, GridShare = lead.GridShare };

    public SafetySnapshot Safety => new(Soc, CarConnected, Faulted, Capabilities, Settings, PracticalMaxSoc);
}

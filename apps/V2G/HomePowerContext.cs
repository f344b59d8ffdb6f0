using ChargeBridge.Core.Control;
using ChargeBridge.Core.HomePower;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Apps.V2G;

/// <summary>
/// What a loadpoint's minute step leaves for home power control between steps: the step's <see cref="ControlInput"/>
/// (mode, SoC, connection, settings, the plan's set point), what the user allows in Automatic, the SoC the calendar
/// targets need and when the car stops powering the house (<see cref="V2HPeriod"/>).
/// </summary>
internal sealed record HomePowerContext(ControlInput Input, bool SolarInAutomatic, bool HouseInAutomatic, Percent Reserve,
    DateTimeOffset? DischargeUntil);

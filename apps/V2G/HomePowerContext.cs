using ChargeBridge.Core.Control;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Apps.V2G;

/// <summary>
/// What a loadpoint's minute step leaves for home power control between steps: the step's <see cref="ControlInput"/>
/// (mode, SoC, connection, settings, the plan's set point), what the user allows in Automatic, and the SoC the calendar
/// targets need.
/// </summary>
internal sealed record HomePowerContext(ControlInput Input, bool SolarInAutomatic, bool HouseInAutomatic, Percent Reserve);

using ChargeBridge.Core.Telemetry;

namespace ChargeBridge.Apps.Tests.HomePower;

/// <summary>The home a <see cref="HomePowerSite"/> stands up: how many cars (one loadpoint each) at which SoC, the grid
/// connection's import limit, whether a house battery with its meter is there, and the telemetry sink the host hands the app.</summary>
internal sealed record HomePowerSiteOptions(int Cars = 1, double CarSoc = 60, double? ImportLimitW = null, bool Battery = false,
    ITelemetrySink? Telemetry = null);

namespace ChargeBridge.Apps.Tests.HomePower;

/// <summary>The home a <see cref="HomePowerSite"/> stands up: how many cars (one loadpoint each) at which SoC, the grid
/// connection's import limit, and whether a house battery with its meter is there.</summary>
internal sealed record HomePowerSiteOptions(int Cars = 1, double CarSoc = 60, double? ImportLimitW = null, bool Battery = false);

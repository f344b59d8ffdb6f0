using ChargeBridge.Core.Telemetry;

namespace ChargeBridge.Apps.Tests.HomePower;

/// <summary>The home a <see cref="HomePowerSite"/> stands up: how many cars (one loadpoint each) at which SoC, the grid
/// connection's import limit, whether a house battery with its meter is there, the telemetry sink the host hands the app,
/// and further V2G configuration keys (under <c>V2GConfig:</c>, such as <c>Backup:Source</c>) with the HA states they need.</summary>
internal sealed record HomePowerSiteOptions(int Cars = 1, double CarSoc = 60, double? ImportLimitW = null, bool Battery = false,
    ITelemetrySink? Telemetry = null)
{
    public IReadOnlyDictionary<string, string> Keys { get; init; } = new Dictionary<string, string>();
    public IReadOnlyDictionary<string, string> States { get; init; } = new Dictionary<string, string>();
}

using ChargeBridge.Core.Telemetry;
using Microsoft.Extensions.Logging.Testing;

namespace ChargeBridge.Apps.Tests.HomePower;

/// <summary>The home a <see cref="HomePowerSite"/> stands up: how many cars (one loadpoint each) at which SoC, the grid
/// connection's import limit, whether a house battery with its meter is there, the telemetry sink the host hands the app,
/// and further V2G configuration keys (under <c>V2GConfig:</c>, such as <c>Backup:Source</c>) with the HA states they need;
/// a <see cref="DataFolder"/> that outlives the site (a restart on the same folder) and a <see cref="Logs"/> collector.</summary>
internal sealed record HomePowerSiteOptions(int Cars = 1, double CarSoc = 60, double? ImportLimitW = null, bool Battery = false,
    ITelemetrySink? Telemetry = null)
{
    public IReadOnlyDictionary<string, string> Keys { get; init; } = new Dictionary<string, string>();
    public IReadOnlyDictionary<string, string> States { get; init; } = new Dictionary<string, string>();
    /// <summary>The app's data folder, left in place when the site goes; null: a temporary one deleted with the site.</summary>
    public string? DataFolder { get; init; }
    /// <summary>Receives the app's log records; null: nothing is logged.</summary>
    public FakeLoggerProvider? Logs { get; init; }
}

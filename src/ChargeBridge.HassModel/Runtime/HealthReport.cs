namespace ChargeBridge.HassModel.Runtime;

/// <summary>
/// Whether the host is well, for a watchdog that restarts it when not (the HA add-on's). Unhealthy when an app has
/// failed, or when the connection to Home Assistant has been down longer than it may be: the client reconnects by
/// itself, so a short outage (HA restarting) is no reason for a restart, a long one might be a stuck connection.
/// </summary>
public sealed record HealthReport(bool Healthy, string Reason, bool HomeAssistantConnected, IReadOnlyList<AppStatus> Apps)
{
    /// <summary>How long the connection may be down before the host counts as unhealthy.</summary>
    public static readonly TimeSpan AllowedDisconnection = TimeSpan.FromMinutes(10);

    /// <param name="disconnectedSince">When the connection went down; null while it is up.</param>
    public static HealthReport Of(IReadOnlyList<AppStatus> apps, DateTimeOffset? disconnectedSince, DateTimeOffset now)
    {
        var connected = disconnectedSince is null;
        if (apps.FirstOrDefault(a => a.State == AppState.Failed) is { } failed)
            return new(false, $"app {failed.Id} failed: {failed.Error}", connected, apps);
        if (disconnectedSince is { } since && now - since > AllowedDisconnection)
            return new(false, $"no connection to Home Assistant for {(int)(now - since).TotalMinutes} min", connected, apps);
        return new(true, connected ? "running" : "reconnecting to Home Assistant", connected, apps);
    }
}

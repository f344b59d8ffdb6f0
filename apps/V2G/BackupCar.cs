namespace ChargeBridge.Apps.V2G;

/// <summary>The car that powers the house in Backup and answers frequency events: the first loadpoint, in the site's
/// order, with a bidirectional charger and a car connected.</summary>
internal static class BackupCar
{
    public static int? Index(IReadOnlyList<LoadpointRuntime> loadpoints)
    {
        for (var i = 0; i < loadpoints.Count; i++)
            if (loadpoints[i].Charger.Capabilities.Bidirectional && loadpoints[i].Controller.HomePowerContext is { Input.CarConnected: true })
                return i;
        return null;
    }
}

namespace ChargeBridge.Core.HomePower;

/// <summary>The settings of every home-power controller of a loadpoint.</summary>
public sealed record HomePowerSettings
{
    public LoadFollowingSettings Following { get; init; } = new();
    public PvSurplusSettings Surplus { get; init; } = new();
}

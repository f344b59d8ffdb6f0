using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Control;

/// <summary>What to do with the charger this tick.</summary>
public enum ChargerCommandKind
{
    /// <summary>Write <see cref="ChargerCommand.SetPoint"/> (0 W keeps control and holds the car idle).</summary>
    SetPower,
    /// <summary>Hand control back to the charger's own app (Pause).</summary>
    ReleaseToApp,
}

/// <summary>One command for the charger; <see cref="SetPoint"/> is 0 W for <see cref="ChargerCommandKind.ReleaseToApp"/>.</summary>
public sealed record ChargerCommand(ChargerCommandKind Kind, Power SetPoint)
{
    public static readonly ChargerCommand Stop = new(ChargerCommandKind.SetPower, Power.Zero);
    public static readonly ChargerCommand Release = new(ChargerCommandKind.ReleaseToApp, Power.Zero);

    public static ChargerCommand Set(Power setPoint) => new(ChargerCommandKind.SetPower, setPoint);

    public bool IsStop => Kind == ChargerCommandKind.SetPower && SetPoint == Power.Zero;
}

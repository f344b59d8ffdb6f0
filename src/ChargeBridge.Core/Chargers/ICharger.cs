namespace ChargeBridge.Core.Chargers;

/// <summary>
/// A charger the apps control. Implementations never throw for device trouble: they report it in
/// <see cref="ChargerStatus"/> and <see cref="ChargerCommandResult"/>. Only cancellation by the caller throws.
/// </summary>
public interface ICharger
{
    ChargerCapabilities Capabilities { get; }

    /// <summary>The latest status; <see cref="ChargerStatus.Unknown"/> before the first poll.</summary>
    ChargerStatus Status { get; }

    /// <summary>Every status the charger reports, in order.</summary>
    IObservable<ChargerStatus> StatusChanges { get; }

    /// <summary>Reads the charger now.</summary>
    Task<ChargerStatus> RefreshAsync(CancellationToken ct = default);

    /// <summary>Charges (positive) or discharges (negative) at <paramref name="power"/>; zero stops. Takes control first.</summary>
    Task<ChargerCommandResult> SetPowerAsync(Units.Power power, CancellationToken ct = default);

    /// <summary>Hands control back to the charger's own app.</summary>
    Task<ChargerCommandResult> ReleaseAsync(CancellationToken ct = default);
}

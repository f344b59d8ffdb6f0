namespace ChargeBridge.Core.Chargers;

/// <summary>
/// A charger that can switch between one and three phases. Its <see cref="ICharger.Capabilities"/> describe the phases
/// in use now (<see cref="ChargerCapabilities.Phases"/>) and say <see cref="ChargerCapabilities.CanSwitchPhases"/>.
/// Callers switch only while no power flows (the phase-switch controller stops the car first).
/// </summary>
public interface IPhaseSwitchingCharger : ICharger
{
    /// <summary>Switches to <paramref name="phases"/> (1 or 3). Device trouble is reported in the result, not thrown.</summary>
    Task<ChargerCommandResult> SwitchPhasesAsync(int phases, CancellationToken ct = default);
}

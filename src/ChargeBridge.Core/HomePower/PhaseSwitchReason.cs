namespace ChargeBridge.Core.HomePower;

/// <summary>Why a phase-switch step wants the phases it wants.</summary>
public enum PhaseSwitchReason
{
    /// <summary>The charger cannot switch phases.</summary>
    NotSwitchable,
    /// <summary>A switch happened less than the settle time ago: measurements are ignored.</summary>
    Settling,
    /// <summary>The phases in use suit the surplus (or the surplus is unknown).</summary>
    Stay,
    /// <summary>Surplus cannot hold the 3-phase minimum but can hold the 1-phase one; waiting for the disable delay.</summary>
    WaitingToSwitchDown,
    /// <summary>Surplus exceeds the 1-phase maximum; waiting for the enable delay.</summary>
    WaitingToSwitchUp,
    /// <summary>Switch to one phase (after stopping, when power still flows).</summary>
    SwitchDown,
    /// <summary>Switch to three phases (after stopping, when power still flows).</summary>
    SwitchUp,
}

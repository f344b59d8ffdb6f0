namespace ChargeBridge.Core.Control;

/// <summary>
/// The outcome of one tick: the command (already through the safety envelope), the mode from now on, why, and
/// whether to ask the user to switch to Automatic (a car was plugged in while another mode was active).
/// <see cref="Safety"/> is the envelope's verdict for power commands, null for a release.
/// </summary>
public sealed record ControlDecision(
    DateTimeOffset At,
    ChargerCommand Command,
    ChargeMode Mode,
    string Reason,
    bool AskToSwitchToAutomatic,
    SafeSetPoint? Safety);

namespace ChargeBridge.Core.Control;

/// <summary>
/// Which of the controller's decisions go to the charger. A command goes out when it differs from the last one the
/// charger took: repeating a release would fight a user who took over in the charger's app, and repeating 0 W would cut
/// short the driver's own SoC reading after a plug-in (the driver keeps its set point). A stop is left to the driver
/// while no car is connected (it stops on unplug by itself) and while the charger has not read a new car's SoC (it
/// reads it with a short charge a 0 W write would end), but never after a power was commanded for the car: that power
/// would otherwise stay in force, a discharge included, with nobody applying the safety envelope.
/// Not thread-safe: one control step at a time.
/// </summary>
public sealed class ChargerCommandGate
{
    private ChargerCommand? _taken;
    private bool _powerCommanded;

    /// <summary>The last command the charger took, or null when the last one failed or none was sent.</summary>
    public ChargerCommand? Taken => _taken;

    /// <param name="carConnected">As the charger reports it; null while it cannot tell (a fault).</param>
    /// <param name="chargerKnowsSoc">Whether the charger has read the car's SoC itself.</param>
    public bool ShouldSend(ChargerCommand command, bool? carConnected, bool chargerKnowsSoc)
    {
        if (carConnected == false) _powerCommanded = false;
        if (command == _taken) return false;
        if (command.IsStop && (carConnected != true || (!chargerKnowsSoc && !_powerCommanded)))
        {
            _taken = null;
            return false;
        }
        return true;
    }

    /// <summary>Records the outcome of a command <see cref="ShouldSend"/> let through.</summary>
    public void Sent(ChargerCommand command, bool taken)
    {
        _taken = taken ? command : null;
        // A refused power counts too: the driver keeps trying it once the charger answers again.
        if (command is { Kind: ChargerCommandKind.SetPower, IsStop: false }) _powerCommanded = true;
        else if (taken) _powerCommanded = false;
    }
}

namespace ChargeBridge.Core.Control;

/// <summary>
/// Which of the controller's decisions go to the charger. A command goes out when it differs from the last one the
/// charger took: repeating a release would fight a user who took over in the charger's app, and repeating a set point
/// costs the charger a write per step. A stop is left to the driver while no car is connected (drivers stop on unplug
/// by themselves). Device rules about stops (the Quasar finishing its SoC reading after a plug-in) live in the driver.
/// Not thread-safe: one control step at a time.
/// </summary>
public sealed class ChargerCommandGate
{
    private ChargerCommand? _taken;

    /// <summary>The last command the charger took, or null when the last one failed or none was sent.</summary>
    public ChargerCommand? Taken => _taken;

    /// <param name="carConnected">As the charger reports it; null while it cannot tell (a fault).</param>
    public bool ShouldSend(ChargerCommand command, bool? carConnected)
    {
        // The next car finds the charger as the driver left it on unplug: a stop is worth saying again then.
        if (carConnected == false && _taken is { IsStop: true }) _taken = null;
        if (command == _taken) return false;
        if (command.IsStop && carConnected != true)
        {
            _taken = null;
            return false;
        }
        return true;
    }

    /// <summary>Records the outcome of a command <see cref="ShouldSend"/> let through.</summary>
    public void Sent(ChargerCommand command, bool taken) => _taken = taken ? command : null;
}

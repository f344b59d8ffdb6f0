using ChargeBridge.Core.Chargers;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Control;

/// <summary>
/// Carries one loadpoint's decisions to its charger: only the commands <see cref="ChargerCommandGate"/> lets through,
/// each outcome recorded so a refused command is tried again on the next step, and on shutdown the charger left
/// stopped and handed back. Works on the <see cref="ICharger"/> port alone. Not thread-safe: one step at a time.
/// </summary>
public sealed class ChargerCommander(ICharger charger)
{
    private readonly ChargerCommandGate _gate = new();

    /// <summary>The last command the charger took; null when the last one failed or none was sent.</summary>
    public ChargerCommand? Taken => _gate.Taken;

    /// <summary>Sends <paramref name="command"/> unless the gate holds it back (then null).</summary>
    /// <param name="carConnected">As the charger reports it; null while it cannot tell.</param>
    public async Task<ChargerCommandResult?> SendAsync(ChargerCommand command, bool? carConnected, CancellationToken ct)
    {
        if (!_gate.ShouldSend(command, carConnected)) return null;
        var result = command.Kind == ChargerCommandKind.ReleaseToApp
            ? await charger.ReleaseAsync(ct)
            : await charger.SetPowerAsync(command.SetPoint, ct);
        _gate.Sent(command, result.Succeeded);
        return result;
    }

    /// <summary>Stops the charger (0 W) and hands it back to its own control, unless the last command already handed it
    /// back (the user may be charging from the charger's app then): null when nothing was sent, else the first refusal
    /// or the release's success. Bounded by <paramref name="ct"/>.</summary>
    public async Task<ChargerCommandResult?> HandBackAsync(CancellationToken ct)
    {
        if (_gate.Taken is { Kind: ChargerCommandKind.ReleaseToApp }) return null;
        var stopped = await charger.SetPowerAsync(Power.Zero, ct);
        var released = await charger.ReleaseAsync(ct);
        _gate.Sent(ChargerCommand.Release, released.Succeeded);
        return stopped.Succeeded ? released : stopped;
    }
}

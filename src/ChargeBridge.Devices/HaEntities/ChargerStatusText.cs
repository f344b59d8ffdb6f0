using ChargeBridge.Core.Chargers;

namespace ChargeBridge.Devices.HaEntities;

/// <summary>What a charger status sensor's text means, as far as the apps decide on it.</summary>
/// <param name="Recognised">False for a text none of the tables know: the state is then Unknown, not a guess.</param>
internal sealed record ChargerStatusMeaning(ChargerState State, bool? CarConnected, bool Recognised);

/// <summary>
/// Reads the status texts integrations give a charger: IEC 61851 letters (A–F), OCPP 1.6 connector statuses (the
/// lbbrhzn/ocpp integration) and the words of the cloud integrations (Easee, Zaptec, go-e, Wallbox). A car that is
/// connected but draws nothing is Waiting while the enable switch is on (the charger would charge when the car asks)
/// and Paused while it is off.
/// </summary>
internal static class ChargerStatusText
{
    private enum Kind
    {
        NoCar,
        Connected,
        Charging,
        Paused,
        Fault,
    }

    // Keys are normalised: lower case, spaces and hyphens as underscores. Text of several integrations shares a word.
    private static readonly Dictionary<string, Kind> Words = new(StringComparer.Ordinal)
    {
        // IEC 61851-1 control pilot states
        ["a"] = Kind.NoCar,
        ["b"] = Kind.Connected,
        ["c"] = Kind.Charging,
        ["d"] = Kind.Charging,
        ["e"] = Kind.Fault,
        ["f"] = Kind.Fault,
        // OCPP 1.6 ChargePointStatus
        ["available"] = Kind.NoCar,
        ["reserved"] = Kind.NoCar,
        ["preparing"] = Kind.Connected,
        ["charging"] = Kind.Charging,
        ["suspendedev"] = Kind.Connected,
        ["suspendedevse"] = Kind.Paused,
        ["finishing"] = Kind.Connected,
        ["faulted"] = Kind.Fault,
        // common words of the cloud integrations
        ["disconnected"] = Kind.NoCar,
        ["not_connected"] = Kind.NoCar,
        ["unplugged"] = Kind.NoCar,
        ["no_car"] = Kind.NoCar,
        ["idle"] = Kind.NoCar,
        ["standby"] = Kind.NoCar,
        ["ready"] = Kind.NoCar,
        ["connected"] = Kind.Connected,
        ["plugged"] = Kind.Connected,
        ["plugged_in"] = Kind.Connected,
        ["car_connected"] = Kind.Connected,
        ["connected_requesting"] = Kind.Connected,
        ["connected_finished"] = Kind.Connected,
        ["awaiting_start"] = Kind.Connected,
        ["awaiting_authorization"] = Kind.Connected,
        ["awaiting_smart_charging"] = Kind.Connected,
        ["ready_to_charge"] = Kind.Connected,
        ["waitcar"] = Kind.Connected,
        ["wait_car"] = Kind.Connected,
        ["waiting"] = Kind.Connected,
        ["waiting_for_car_demand"] = Kind.Connected,
        ["complete"] = Kind.Connected,
        ["completed"] = Kind.Connected,
        ["finished"] = Kind.Connected,
        ["connected_charging"] = Kind.Charging,
        ["paused"] = Kind.Paused,
        ["error"] = Kind.Fault,
        ["fault"] = Kind.Fault,
    };

    /// <summary>The meaning of <paramref name="text"/> (not HA's own unknown/unavailable, which the caller handles).</summary>
    public static ChargerStatusMeaning Describe(string text, bool enabled)
    {
        // OCPP's connector status "Unavailable" (the charger was taken out of service), not HA's "unavailable".
        if (text == "Unavailable") return new(ChargerState.Faulted, null, true);
        if (!Words.TryGetValue(Normalise(text), out var kind)) return new(ChargerState.Unknown, null, false);
        return kind switch
        {
            Kind.NoCar => new(ChargerState.NoCar, false, true),
            Kind.Connected => new(enabled ? ChargerState.Waiting : ChargerState.Paused, true, true),
            Kind.Charging => new(ChargerState.Charging, true, true),
            Kind.Paused => new(ChargerState.Paused, true, true),
            _ => new(ChargerState.Faulted, null, true),
        };
    }

    private static string Normalise(string text) => text.Trim().ToLowerInvariant().Replace(' ', '_').Replace('-', '_');
}

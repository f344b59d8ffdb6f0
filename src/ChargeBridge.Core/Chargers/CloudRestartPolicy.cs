namespace ChargeBridge.Core.Chargers;

/// <summary>
/// When a charger whose Modbus module has hung (the Wallbox Quasar's known fault: every read fails while the charger
/// still answers on the network, and only a power cycle or a restart from the vendor's cloud helps) is to be restarted
/// through the cloud. A pure rule of the <see cref="CloudRestartInput"/> snapshot; the driver does the I/O.
/// </summary>
public sealed record CloudRestartPolicy
{
    /// <summary>Consecutive failed reads before a hang is assumed (evse-controller restarts after 10).</summary>
    public int FailedReadsBeforeRestart { get; init; } = 10;

    /// <summary>At most one restart this often, so a charger that stays broken is not restarted all day.</summary>
    public TimeSpan Cooldown { get; init; } = TimeSpan.FromHours(1);

    /// <summary>After a restart the charger may report errors for minutes; failed reads then are not a new hang.</summary>
    public TimeSpan Recovery { get; init; } = TimeSpan.FromMinutes(5);

    public CloudRestartDecision Decide(in CloudRestartInput input)
    {
        if (input.LastRestartAt is { } restarted && input.Now - restarted < Recovery)
            return new(CloudRestartAction.Wait, CloudRestartReason.Recovering, restarted + Recovery);
        if (input.ConsecutiveFailedReads < FailedReadsBeforeRestart)
            return new(CloudRestartAction.Wait, CloudRestartReason.ReadsStillAnswered, null);
        if (!input.ReachableOnNetwork)
            return new(CloudRestartAction.Wait, CloudRestartReason.NotOnTheNetwork, null);
        if (!input.CloudConfigured)
            return new(CloudRestartAction.Wait, CloudRestartReason.NoCloudAccount, null);
        if (input.LastRestartAt is { } last && input.Now - last < Cooldown)
            return new(CloudRestartAction.Wait, CloudRestartReason.CoolingDown, last + Cooldown);
        // A car discharging under our control is stopped first: a restart must not leave it feeding in unattended.
        if (input.DischargingUnderControl)
            return new(CloudRestartAction.StopFirst, CloudRestartReason.DischargingUnderControl, null);
        return new(CloudRestartAction.Restart, CloudRestartReason.Hung, null);
    }
}

/// <summary>What the restart rule sees: the failed reads in a row, whether the charger answers on the network at all,
/// the last restart, whether the car was last told to discharge, and whether a cloud account is configured.</summary>
public readonly record struct CloudRestartInput(
    DateTimeOffset Now,
    int ConsecutiveFailedReads,
    bool ReachableOnNetwork,
    DateTimeOffset? LastRestartAt,
    bool DischargingUnderControl,
    bool CloudConfigured);

public enum CloudRestartAction { Wait, StopFirst, Restart }

public enum CloudRestartReason
{
    /// <summary>Reads still succeed now and then: no hang.</summary>
    ReadsStillAnswered,
    /// <summary>The charger does not answer on the network either: it is off or unplugged, which a restart cannot fix.</summary>
    NotOnTheNetwork,
    /// <summary>No cloud account to restart it with: a person must power-cycle it.</summary>
    NoCloudAccount,
    /// <summary>Restarted within the cooldown: wait for it to pass.</summary>
    CoolingDown,
    /// <summary>Restarted within the recovery time: errors are expected.</summary>
    Recovering,
    /// <summary>The car may be discharging: stop it (through the cloud) before the restart.</summary>
    DischargingUnderControl,
    /// <summary>Hung: restart now.</summary>
    Hung,
}

/// <summary>The rule's answer; <paramref name="Until"/> is when a wait ends by itself, when that is known.</summary>
public readonly record struct CloudRestartDecision(CloudRestartAction Action, CloudRestartReason Reason, DateTimeOffset? Until);

namespace ChargeBridge.Core.Chargers;

/// <summary>Why a command did not take effect.</summary>
public enum ChargerCommandError
{
    None,
    /// <summary>The value is outside the charger's limits; nothing was written.</summary>
    OutOfLimits,
    /// <summary>The charger's own app holds control (for example a schedule in the Wallbox app).</summary>
    ControlledByApp,
    /// <summary>A non-zero power needs a connected car.</summary>
    NoCar,
    /// <summary>The charger did not answer or refused the write.</summary>
    Communication,
}

/// <summary>The outcome of a command and the status read after it.</summary>
public sealed record ChargerCommandResult(ChargerCommandError Error, string? Reason, ChargerStatus Status)
{
    public bool Succeeded => Error == ChargerCommandError.None;

    public static ChargerCommandResult Done(ChargerStatus status) => new(ChargerCommandError.None, null, status);
    public static ChargerCommandResult Refused(ChargerCommandError error, string reason, ChargerStatus status) => new(error, reason, status);
}

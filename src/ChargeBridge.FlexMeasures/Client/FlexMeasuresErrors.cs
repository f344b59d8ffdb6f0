namespace ChargeBridge.FlexMeasures.Client;

/// <summary>
/// FlexMeasures answered with an error or could not be reached. <see cref="ServerMessage"/> is the server's own
/// explanation with any credential removed.
/// </summary>
public class FlexMeasuresException(string message, int? httpStatus = null, string? status = null, string? serverMessage = null)
    : Exception(message)
{
    public int? HttpStatus { get; } = httpStatus;

    /// <summary>The FlexMeasures status word, such as UNPROCESSABLE_ENTITY or UNKNOWN_SCHEDULE, when the server sent one.</summary>
    public string? Status { get; } = status;

    public string? ServerMessage { get; } = serverMessage;
}

/// <summary>Logging in failed, or a fresh token was refused again.</summary>
public sealed class FlexMeasuresAuthenticationException(string message, int? httpStatus, string? serverMessage)
    : FlexMeasuresException(message, httpStatus, null, serverMessage);

/// <summary>The scheduling job ended without a schedule (for example an infeasible problem); polling more will not help.</summary>
public sealed class FlexMeasuresScheduleFailedException(string message, int? httpStatus, string? status, string? serverMessage)
    : FlexMeasuresException(message, httpStatus, status, serverMessage);

/// <summary>The server does not know the scheduling job id.</summary>
public sealed class FlexMeasuresUnknownJobException(string message, int? httpStatus, string? status, string? serverMessage)
    : FlexMeasuresException(message, httpStatus, status, serverMessage);

/// <summary>A request timed out, or a schedule was not ready before the polling deadline.</summary>
public sealed class FlexMeasuresTimeoutException(string message) : FlexMeasuresException(message);

/// <summary>FlexMeasures delivered a schedule that cannot be executed (wrong resolution, span or unit, or the flat
/// output of its fallback scheduler).</summary>
public sealed class FlexMeasuresInvalidScheduleException(string message) : FlexMeasuresException(message);

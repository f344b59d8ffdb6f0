namespace ChargeBridge.HassModel;

/// <summary>HA answered a command with success:false.</summary>
public sealed class HaCommandException(string command, string code, string message)
    : Exception($"Home Assistant rejected '{command}': {code}: {message}")
{
    public string Command { get; } = command;
    public string Code { get; } = code;
    public string ServerMessage { get; } = message;
}

/// <summary>HA refused the access token (auth_invalid). Retrying with the same token cannot help.</summary>
public sealed class HaAuthenticationException(string serverMessage)
    : Exception($"Home Assistant refused the access token (auth_invalid: {serverMessage}). " +
                "Create a new long-lived access token in your HA profile and set HomeAssistant:Token.")
{
    public string ServerMessage { get; } = serverMessage;
}

/// <summary>The connection to HA is down or broke before an answer came.</summary>
public sealed class HaConnectionException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>HA answered a command with success but in a shape the command does not have (a service call asked for its
/// response without one): the answer carries nothing to act on, so callers treat it as a failed call.</summary>
public sealed class HaProtocolException(string command, string detail)
    : Exception($"Home Assistant answered '{command}' in an unexpected shape: {detail}")
{
    public string Command { get; } = command;
}

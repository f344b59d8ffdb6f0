namespace ChargeBridge.Devices.Shelly;

/// <summary>What <see cref="ShellySimulator"/> does instead of answering.</summary>
public enum ShellyFault
{
    None,
    /// <summary>Takes every request and never answers it.</summary>
    Hang,
    /// <summary>Answers HTTP 500.</summary>
    ServerError,
    /// <summary>Answers HTTP 200 with JSON cut off in the middle.</summary>
    MalformedJson,
    /// <summary>Answers HTTP 200 with a JSON object that has none of the meter's fields.</summary>
    UnexpectedJson,
    /// <summary>Stops listening: connections are refused until the fault is cleared.</summary>
    Refuse,
}

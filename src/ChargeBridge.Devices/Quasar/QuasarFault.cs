namespace ChargeBridge.Devices.Quasar;

/// <summary>Failures of the Quasar's Modbus module that users report, for the simulator to imitate.</summary>
public enum QuasarFault
{
    None,
    /// <summary>Requests get no answer; the connection stays open.</summary>
    Hang,
    /// <summary>Reads answer with no registers at all.</summary>
    EmptyReads,
    /// <summary>Every request gets "server device failure".</summary>
    ExceptionResponses,
    /// <summary>Answers are cut off after three PDU bytes.</summary>
    TruncatedResponses,
}

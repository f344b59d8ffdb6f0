namespace ChargeBridge.Devices.Alfen;

/// <summary>
/// The socket registers of an Alfen Eve (NG9xx platform) in Modbus TCP slave mode that ChargeBridge uses, from Alfen's
/// "Implementation of Modbus Slave TCP/IP for Alfen NG9xx platform": holding registers (function 03), big-endian;
/// float32 in two registers, float64 in four, strings two ASCII characters a register. Unit 1 is the left or only
/// socket, 2 the right one.
/// </summary>
internal static class AlfenRegisters
{
    public const ushort VoltageL1 = 306;
    public const ushort CurrentL1 = 320;
    public const ushort RealPowerSum = 344;

    /// <summary>The first block read: 306 (voltage L1-N) to 345 (real power sum).</summary>
    public const ushort MeasurementsStart = VoltageL1, MeasurementsCount = RealPowerSum + 2 - VoltageL1;

    public const ushort RealEnergyDeliveredSum = 374;
    public const ushort Availability = 1200;
    public const ushort Mode3State = 1201;
    public const ushort Mode3StateLength = 5;
    public const ushort ActualMaxCurrent = 1206;
    public const ushort MaxCurrentValidTime = 1208;
    public const ushort MaxCurrent = 1210;
    public const ushort SafeCurrent = 1212;
    public const ushort SetPointAccountedFor = 1214;
    public const ushort Phases = 1215;

    /// <summary>The status block read: 1200 (availability) to 1215 (phases).</summary>
    public const ushort StatusStart = Availability, StatusCount = Phases + 1 - Availability;
}

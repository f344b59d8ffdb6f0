namespace ChargeBridge.Devices.Keba;

/// <summary>
/// The KEBA KeContact P30 / P40 Modbus TCP registers ChargeBridge uses, from KEBA's "Modbus TCP Programmers Guide".
/// Readable values are UINT32 in two registers (high word first), read one value per request; writable ones are
/// UINT16, written with function 06.
/// </summary>
internal static class KebaRegisters
{
    public const ushort ChargingState = 1000;
    public const ushort CableState = 1004;
    public const ushort ErrorCode = 1006;
    public const ushort CurrentL1 = 1008;
    public const ushort CurrentL2 = 1010;
    public const ushort CurrentL3 = 1012;
    public const ushort Serial = 1014;
    public const ushort Product = 1016;
    public const ushort Firmware = 1018;
    public const ushort ActivePower = 1020;
    public const ushort TotalEnergy = 1036;
    public const ushort VoltageL1 = 1040;
    public const ushort VoltageL2 = 1042;
    public const ushort VoltageL3 = 1044;
    public const ushort MaxChargingCurrent = 1100;
    public const ushort MaxSupportedCurrent = 1110;
    public const ushort PhaseSwitchSourceState = 1550;
    public const ushort PhaseSwitchState = 1552;
    public const ushort FailsafeCurrentSetting = 1600;
    public const ushort FailsafeTimeoutSetting = 1602;

    public const ushort SetChargingCurrent = 5004;
    public const ushort EnableStation = 5014;
    public const ushort FailsafeCurrent = 5016;
    public const ushort FailsafeTimeout = 5018;
    public const ushort PhaseSwitchSource = 5050;
    public const ushort PhaseSwitch = 5052;

    /// <summary>The charging current the station takes, in mA (5004).</summary>
    public const int MinCurrentMa = 6000, MaxCurrentMa = 63000;

    /// <summary>5050: phase switching controlled over Modbus TCP.</summary>
    public const ushort PhaseSwitchSourceModbus = 3;

    /// <summary>1004: a cable plugged in the station and in the car (5), and also locked (7).</summary>
    public const int CableInCar = 5, CableInCarLocked = 7;
}

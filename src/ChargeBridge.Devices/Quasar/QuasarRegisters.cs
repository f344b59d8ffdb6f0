namespace ChargeBridge.Devices.Quasar;

/// <summary>Holding register addresses of the Wallbox Quasar 1 (see docs/chargers.md and the shared register notes).</summary>
internal static class QuasarRegisters
{
    public const ushort Firmware = 1;
    public const ushort SerialHigh = 2;
    public const ushort SerialLow = 3;
    public const ushort ControlOwner = 81;
    public const ushort Autostart = 82;
    public const ushort SetPointType = 83;
    public const ushort IdleTimeout = 88;
    public const ushort Locked = 256;
    public const ushort Action = 257;
    public const ushort CurrentSetPoint = 258;
    public const ushort PowerSetPoint = 260;
    public const ushort MaxPower = 514;
    public const ushort ActualPower = 526;
    public const ushort State = 537;
    public const ushort StateOfCharge = 538;
    public const ushort UnrecoverableErrorHigh = 539;
    public const ushort RecoverableErrorLow = 542;

    /// <summary>The status block 526..542 that the charger serves in one read.</summary>
    public const ushort StatusBlockCount = RecoverableErrorLow - ActualPower + 1;

    public const ushort ControlUser = 0, ControlRemote = 1;
    public const ushort ActionStart = 1, ActionStop = 2, ActionRestart = 3, ActionUpdate = 4;
    public const ushort SetPointAmperes = 0, SetPointWatts = 1;
    public const int MaxPowerSetPointW = 7400, MaxCurrentSetPointA = 32;
}

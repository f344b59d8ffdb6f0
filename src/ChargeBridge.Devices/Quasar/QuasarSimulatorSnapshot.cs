namespace ChargeBridge.Devices.Quasar;

/// <summary>What the simulated charger is doing at one moment, for tests and the demo.</summary>
public sealed record QuasarSimulatorSnapshot(
    DateTimeOffset At,
    int StateCode,
    bool CarConnected,
    bool RemoteControl,
    bool Autostart,
    bool PowerSetPointType,
    int IdleTimeoutSeconds,
    int PowerSetPointW,
    int LastAction,
    double ActualPowerW,
    double SocPct,
    bool Running);

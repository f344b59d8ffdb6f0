using System.Globalization;
using ChargeBridge.Core.Chargers;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Devices.Keba;

/// <summary>One poll of a KEBA station, in our units, and what it means for the apps.</summary>
internal sealed record KebaReading(
    int ChargingState,
    int CableState,
    uint ErrorCode,
    IReadOnlyList<double> CurrentsA,
    Power Power,
    Energy TotalEnergy,
    IReadOnlyList<double> VoltagesV,
    double MaxChargingCurrentA,
    double MaxSupportedCurrentA,
    int? SwitchedPhases)
{
    /// <summary>Cable state 5 or 7: plugged in the station and in the car.</summary>
    public bool CarConnected => CableState >= KebaRegisters.CableInCar;

    public static string StateText(int state) => state switch
    {
        0 => "start-up",
        1 => "not ready for charging",
        2 => "ready for charging",
        3 => "charging",
        4 => "error",
        5 => "charging temporarily interrupted",
        _ => string.Create(CultureInfo.InvariantCulture, $"unknown charging state {state}"),
    };

    public static string CableText(int cable) => cable switch
    {
        0 => "no cable",
        1 => "cable in the station",
        3 => "cable locked in the station",
        5 => "cable in the station and the car",
        7 => "cable locked in the station and the car",
        _ => string.Create(CultureInfo.InvariantCulture, $"cable state {cable}"),
    };

    /// <summary>Error (4) is Faulted with the error code KEBA documents in hexadecimal; without a car in the cable
    /// NoCar; charging (3) Charging; start-up (0) and ready (2, the car has not asked yet) Waiting; not ready (1, for
    /// example disabled) and interrupted (5) Paused.</summary>
    public ChargerStatus ToStatus(DateTimeOffset at)
    {
        var text = $"{StateText(ChargingState)}, {CableText(CableState)}";
        var (state, fault) = ChargingState switch
        {
            4 => (ChargerState.Faulted, string.Create(CultureInfo.InvariantCulture, $"the station reports error code 0x{ErrorCode:X}")),
            _ when !CarConnected => (ChargerState.NoCar, null),
            3 => (ChargerState.Charging, null),
            0 or 2 => (ChargerState.Waiting, null),
            1 or 5 => (ChargerState.Paused, null),
            _ => (ChargerState.Faulted, $"the station reports an {StateText(ChargingState)}"),
        };
        return new ChargerStatus(at, state, CarConnected, Power, null, false, false, true, fault, ChargingState, text);
    }
}

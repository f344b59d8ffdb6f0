using ChargeBridge.Core.Chargers;
using ChargeBridge.Core.Units;
using ChargeBridge.Modbus;
using R = ChargeBridge.Devices.Alfen.AlfenRegisters;

namespace ChargeBridge.Devices.Alfen;

/// <summary>One poll of an Alfen socket, in our units, and what it means for the apps.</summary>
internal sealed record AlfenReading(
    bool Available,
    string Mode3State,
    IReadOnlyList<double> VoltagesV,
    IReadOnlyList<double> CurrentsA,
    Power Power,
    Energy Delivered,
    double AppliedMaxCurrentA,
    uint ValidSeconds,
    double SafeCurrentA,
    bool SetPointAccountedFor,
    int PhasesSetting)
{
    /// <summary>The three blocks the driver reads, decoded. A value the station does not have reads as NaN
    /// (0xFFFF…), which is taken as 0, not as a number.</summary>
    public static AlfenReading Parse(IReadOnlyList<ushort> measurements, IReadOnlyList<ushort> energy, IReadOnlyList<ushort> status)
    {
        double F32(IReadOnlyList<ushort> words, ushort address, ushort start) => Finite(RegisterWords.Float32(words, address - start));
        double M(ushort address) => F32(measurements, address, R.MeasurementsStart);
        double S(ushort address) => F32(status, address, R.StatusStart);
        return new AlfenReading(
            status[R.Availability - R.StatusStart] == 1,
            RegisterWords.Text(status, R.Mode3State - R.StatusStart, R.Mode3StateLength).Trim(),
            [M(R.VoltageL1), M(R.VoltageL1 + 2), M(R.VoltageL1 + 4)],
            [M(R.CurrentL1), M(R.CurrentL1 + 2), M(R.CurrentL1 + 4)],
            Power.FromWatts(M(R.RealPowerSum)),
            Energy.FromWattHours(Finite(RegisterWords.Float64(energy))),
            S(R.ActualMaxCurrent),
            RegisterWords.UInt32(status, R.MaxCurrentValidTime - R.StatusStart),
            S(R.SafeCurrent),
            status[R.SetPointAccountedFor - R.StatusStart] == 1,
            status[R.Phases - R.StatusStart]);
    }

    private static double Finite(double value) => double.IsFinite(value) ? value : 0;

    /// <summary>IEC 61851 state as Alfen names it: A no car; B1/C1/D1 a car without a current offered (paused); B2 a
    /// current offered and the car not taking it yet; C2/D2 charging; E (no pilot) and F (the station's error) faults.
    /// A socket that is not available (1200 = 0) is faulted whatever its state.</summary>
    public ChargerStatus ToStatus(DateTimeOffset at)
    {
        var text = $"mode 3 state {Mode3State}";
        var (state, car, fault) = Mode3State switch
        {
            _ when !Available => (ChargerState.Faulted, (bool?)null, "the socket is inoperative (availability 0)"),
            "A" => (ChargerState.NoCar, false, null),
            "B1" or "C1" or "D1" => (ChargerState.Paused, true, null),
            "B2" => (ChargerState.Waiting, true, null),
            "C2" or "D2" => (ChargerState.Charging, true, null),
            "E" => (ChargerState.Faulted, null, "the station reports state E (no control pilot)"),
            "F" => (ChargerState.Faulted, null, "the station reports state F (error)"),
            _ => (ChargerState.Faulted, null, $"the station reports an unknown mode 3 state '{Mode3State}'"),
        };
        return new ChargerStatus(at, state, car, Power, null, false, false, true, fault, null, text);
    }
}

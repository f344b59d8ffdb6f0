using ChargeBridge.Core.Meters;
using ChargeBridge.Core.Units;
using R = ChargeBridge.Devices.SunSpec.SunSpecRegisters;
using V = ChargeBridge.Devices.SunSpec.SunSpecValue;

namespace ChargeBridge.Devices.SunSpec;

/// <summary>
/// Turns the registers of an inverter or meter model into a <see cref="MeterReading"/> in Core's sign convention
/// (positive = import or consumption). An inverter's W is the power it produces, so it is reported negative and its
/// energy counter as exported. A meter's W is positive for import as SunSpec defines it; <c>invert</c> flips power
/// and swaps the counters, for meters wired or defined the other way round.
/// </summary>
internal static class SunSpecReadings
{
    public static MeterReading Inverter(ReadOnlySpan<ushort> block, DateTimeOffset at, bool invert)
    {
        var sign = invert ? 1 : -1;
        var watts = V.Scaled(V.Int16(block[R.Inverter.W]), V.ScaleFactor(block[R.Inverter.WSf]))
                    ?? throw new SunSpecException("the inverter model's W is not implemented");
        var produced = Energy(V.Acc32(block[R.Inverter.Wh], block[R.Inverter.Wh + 1]), V.ScaleFactor(block[R.Inverter.WhSf]));
        return MeterReading.Read(at, Power.FromWatts(sign * watts)) with
        {
            Exported = invert ? null : produced,
            Imported = invert ? produced : null,
            Voltage = V.Scaled(V.UInt16(block[R.Inverter.PhVphA]), V.ScaleFactor(block[R.Inverter.VSf])),
            Frequency = V.Scaled(V.UInt16(block[R.Inverter.Hz]), V.ScaleFactor(block[R.Inverter.HzSf])),
        };
    }

    public static MeterReading Meter(ushort model, ReadOnlySpan<ushort> block, DateTimeOffset at, bool invert)
    {
        var sign = invert ? -1 : 1;
        var wSf = V.ScaleFactor(block[R.Meter.WSf]);
        var vSf = V.ScaleFactor(block[R.Meter.VSf]);
        var aSf = V.ScaleFactor(block[R.Meter.ASf]);
        var watts = V.Scaled(V.Int16(block[R.Meter.W]), wSf) ?? throw new SunSpecException($"meter model {model}'s W is not implemented");

        var phases = new List<PhaseReading>();
        for (var p = 0; p < R.Meter.Phases(model); p++)
        {
            // A phase without its own power is left out: a PhaseReading always carries one.
            if (V.Scaled(V.Int16(block[R.Meter.WphA + p]), wSf) is not { } phaseWatts) continue;
            phases.Add(new PhaseReading(Power.FromWatts(sign * phaseWatts),
                V.Scaled(V.Int16(block[R.Meter.PhVphA + p]), vSf),
                V.Scaled(V.Int16(block[R.Meter.AphA + p]), aSf)));
        }

        var whSf = V.ScaleFactor(block[R.Meter.TotWhSf]);
        var exported = Energy(V.Acc32(block[R.Meter.TotWhExp], block[R.Meter.TotWhExp + 1]), whSf);
        var imported = Energy(V.Acc32(block[R.Meter.TotWhImp], block[R.Meter.TotWhImp + 1]), whSf);
        return MeterReading.Read(at, Power.FromWatts(sign * watts)) with
        {
            Imported = invert ? exported : imported,
            Exported = invert ? imported : exported,
            Voltage = V.Scaled(V.Int16(block[R.Meter.PhVphA]), vSf) ?? V.Scaled(V.Int16(block[R.Meter.PhV]), vSf),
            Frequency = V.Scaled(V.Int16(block[R.Meter.Hz]), V.ScaleFactor(block[R.Meter.HzSf])),
            Phases = phases,
        };
    }

    private static Energy? Energy(uint? wattHours, int? scaleFactor) =>
        V.Scaled(wattHours, scaleFactor) is { } wh ? Core.Units.Energy.FromWattHours(wh) : null;
}

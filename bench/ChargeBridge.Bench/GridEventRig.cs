using ChargeBridge.Core.Chargers;
using ChargeBridge.Core.Control;
using ChargeBridge.Core.HomePower;
using ChargeBridge.Core.Meters;
using ChargeBridge.Core.Settings;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Bench;

/// <summary>
/// One loadpoint's home-power step on a virtual clock with the simulated Quasar (<see cref="HomeSimCharger"/>: 3 s to
/// react, 1 kW/s ramp) for the grid-event benchmarks: the car in Automatic with no schedule and neither solar nor V2H
/// in Automatic (today it stays at 0 W), min SoC raised to a 30 % backup reserve. <see cref="Tick"/> is one control
/// step: the set point the mode's rules make of home power's answer goes to the charger when it changed.
/// </summary>
internal sealed class GridEventRig(double soc)
{
    public static readonly ChargerCapabilities Quasar = ChargerCapabilities.ForCurrent(bidirectional: true, phases: 1, minAmperes: 6, maxAmperes: 32);
    public static readonly ChargeSettings Settings = BackupReserve.Apply(new ChargeSettings(), new Percent(30));

    public HomePowerControl Control { get; } = new(new HomePowerSettings());
    public HomeSimCharger Car { get; } = new(Quasar, Energy.FromKilowattHours(60), new Percent(soc));
    private Power _sent;

    /// <summary>The first time a set point other than 0 W was sent; null before.</summary>
    public DateTimeOffset? FirstCommandAt { get; private set; }

    /// <summary>The step's input at <paramref name="now"/> with the house drawing <paramref name="house"/> (the grid meter
    /// reads it plus the car while the grid is there).</summary>
    public HomePowerInput Input(DateTimeOffset now, Power house, bool backup, Power? frequency) =>
        new HomePowerInput(now, ChargeMode.Automatic, MeterReading.Read(now, house + Car.Actual), _sent, Car.Actual, true, Car.Soc, Settings,
            Quasar, new Percent(97), null, false, false, Settings.MinSoc, null, null)
        { Backup = backup, HouseLoad = MeterReading.Read(now, house), FrequencyResponse = frequency };

    public HomePowerStep Tick(DateTimeOffset now, Power house, bool backup, Power? frequency)
    {
        var step = Control.Step(Input(now, house, backup, frequency));
        // Automatic without a schedule idles; home power's set point leads where it gives one.
        var setPoint = step.SetPoint ?? Power.Zero;
        if (setPoint != _sent)
        {
            Car.Command(now, setPoint);
            _sent = setPoint;
            if (setPoint != Power.Zero) FirstCommandAt ??= now;
        }
        return step;
    }
}

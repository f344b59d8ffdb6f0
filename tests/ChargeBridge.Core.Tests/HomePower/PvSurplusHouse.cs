using ChargeBridge.Core.Chargers;
using ChargeBridge.Core.HomePower;
using ChargeBridge.Core.Meters;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Tests.HomePower;

/// <summary>
/// A house for the surplus tests: PV surplus (production − house load) and the house battery are given per step,
/// the grid meter reads what is left after the car, and the car draws its last set point at once.
/// </summary>
internal sealed class PvSurplusHouse(ChargerCapabilities capabilities, PvSurplusSettings? settings = null)
{
    public static readonly DateTimeOffset T0 = new(2026, 6, 1, 12, 0, 0, TimeSpan.FromHours(2));

    public static readonly ChargerCapabilities OnePhase32A = ChargerCapabilities.ForCurrent(false, 1, 6, 32);

    public PvSurplusController Controller { get; } = new(settings ?? new PvSurplusSettings());

    public Power Car { get; private set; }

    /// <summary>The charger's capabilities on the phases it uses now.</summary>
    public ChargerCapabilities Capabilities { get; set; } = capabilities;

    public PvSurplusMode Mode { get; set; } = PvSurplusMode.SolarOnly;

    /// <summary>The PV meter's reading (production, W), when the site has one.</summary>
    public double? PvWatts { get; set; }

    /// <summary>The house battery's power (+ charging) and SoC, when it has one.</summary>
    public (double Watts, double Soc)? Battery { get; set; }

    public PvSurplusDecision Step(DateTimeOffset now, double pvSurplusWatts)
    {
        var battery = Battery?.Watts ?? 0;
        var grid = Power.FromWatts(Car.Watts + battery - pvSurplusWatts);
        var input = new PvSurplusInput(now, MeterReading.Read(now, grid), Car, Capabilities, Mode)
        {
            BatteryPower = Battery is { } b ? Power.FromWatts(b.Watts) : null,
            BatterySoc = Battery is { } s ? new Percent(s.Soc) : null,
            PvPower = PvWatts is { } pv ? Power.FromWatts(pv) : null,
        };
        var decision = Controller.Step(input);
        Car = decision.SetPoint;
        return decision;
    }

    /// <summary>The caller stops the car, e.g. before a phase switch.</summary>
    public void Stop() => Car = Power.Zero;

    /// <summary>Steps every <paramref name="every"/> from <paramref name="from"/> for <paramref name="span"/>.</summary>
    public List<PvSurplusDecision> Run(DateTimeOffset from, TimeSpan span, TimeSpan every, Func<TimeSpan, double> pvSurplusWatts)
    {
        var decisions = new List<PvSurplusDecision>();
        for (var t = TimeSpan.Zero; t < span; t += every) decisions.Add(Step(from + t, pvSurplusWatts(t)));
        return decisions;
    }
}

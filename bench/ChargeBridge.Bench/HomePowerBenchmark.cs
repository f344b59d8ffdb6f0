using System.Globalization;
using ChargeBridge.Core.Chargers;
using ChargeBridge.Core.HomePower;
using ChargeBridge.Core.Meters;
using ChargeBridge.Core.Settings;
using ChargeBridge.Core.Units;
using ChargeBridge.Tests;

namespace ChargeBridge.Bench;

/// <summary>
/// Core's home-power controllers against the rules of other tools, each re-implemented from its published description
/// (docs/home-power.md), on the same house-day and the same simulated charger (<see cref="HomeSimRun"/> at 1 s, a
/// one-phase 6–32 A bidirectional charger answering after 3 s at 1 kW/s, 60 kWh car). V2H: Amsterdam household
/// 24378 without PV, car at 80 %, ours (<see cref="LoadFollowingController"/>, V2H) against evse-controller's
/// current-stepping rule limited to discharging, over the whole day and with V2H on from 16:00 to 23:00 only. PV
/// surplus: the same house with the Konstanz household's PV scaled to 6 kWp, car at 30 %, ours
/// (<see cref="PvSurplusController"/>, solar only, with and without the PV meter, and with chargemanager's 5-minute
/// hold as its enable delay) against evcc's pv mode,
/// chargemanager's tracked mode and evse-controller's rule limited to charging. Seeded noise as documented
/// (<see cref="HomeSimNoise.Default"/>). Options: the house day and the PV day (yyyy-MM-dd; default 2020-01-02 and
/// 2016-06-14).
/// </summary>
internal sealed class HomePowerBenchmark : IBenchmark
{
    public string Name => "home-power";

    private static readonly ChargerCapabilities Charger = ChargerCapabilities.ForCurrent(bidirectional: true, phases: 1, minAmperes: 6, maxAmperes: 32);
    private static readonly TimeSpan Pace = TimeSpan.FromSeconds(1);

    public Task RunAsync(string[] args)
    {
        var houseDay = args.Length > 0 ? DateOnly.Parse(args[0], CultureInfo.InvariantCulture) : new DateOnly(2020, 1, 2);
        var pvDay = args.Length > 1 ? DateOnly.Parse(args[1], CultureInfo.InvariantCulture) : new DateOnly(2016, 6, 14);
        Console.WriteLine(Invariant($"House: household 24378 on {houseDay:yyyy-MM-dd}; PV: Konstanz on {pvDay:yyyy-MM-dd} scaled to 6 kWp."));
        Console.WriteLine();
        var house = Read(r => HomeSimTraceReader.Amsterdam(r, 24378, houseDay), "nl_amsterdam_heatpump_households_5min_2020.csv")
            .Resample(Pace, HomeSimNoise.Default);
        var pv = Read(r => HomeSimTraceReader.Konstanz(r, pvDay), "opsd_household_DE_KN_residential4_60min.csv")
            .Resample(Pace, HomeSimNoise.Default with { Seed = 7 });
        var night = HomeSimTrace.Combine(house, pv, 0);
        var sunny = HomeSimTrace.Combine(house, pv, HomeSimTraceReader.KonstanzPvScale(Power.FromKilowatts(6)));

        Console.WriteLine("V2H (discharge so that grid import goes to about 0), the whole day, car at 80 % at midnight:");
        V2HHeader();
        V2HRow("ours, no end known (the thresholds alone)", HomeSimRun.Run(night, Car(80), new OursLoadFollowing(null).Decide));
        var ours = V2HRow("ours, spending its spare energy until midnight", HomeSimRun.Run(night, Car(80), new OursLoadFollowing(night.End).Decide));
        var evse = V2HRow("evse-controller's rule, discharge only (baseline)", HomeSimRun.Run(night, Car(80),
            UnderEnvelope(new HomeSimEvseControllerRule(Charger, allowCharge: false).Decide)));
        V2HRatios(ours, evse);

        // V2H is on in the evening, when the plan (or the user) turns it on; both rules run in the same window only.
        var from = night.Start + TimeSpan.FromHours(16);
        var to = night.Start + TimeSpan.FromHours(23);
        var evening = night.Between(from, to);
        Console.WriteLine("V2H on from 16:00 to 23:00 (local), car at 80 % at 16:00:");
        V2HHeader();
        ours = V2HRow("ours, spending its spare energy until 23:00", HomeSimRun.Run(evening, Car(80), new OursLoadFollowing(to).Decide));
        evse = V2HRow("evse-controller's rule, discharge only (baseline)", HomeSimRun.Run(evening, Car(80),
            UnderEnvelope(new HomeSimEvseControllerRule(Charger, allowCharge: false).Decide)));
        V2HRatios(ours, evse);

        Console.WriteLine("PV surplus (charge from export only), the whole day, car at 30 %:");
        Console.WriteLine("| rule | PV (kWh) | charged from surplus (kWh) | share of export captured | grid for charging (kWh) | starts | stops | commands |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        SurplusRow("ours: PvSurplusController, solar only, with the PV meter", HomeSimRun.Run(sunny, Car(30), new OursPvSurplus(withPv: true).Decide));
        SurplusRow("ours, grid meter only", HomeSimRun.Run(sunny, Car(30), new OursPvSurplus(withPv: false).Decide));
        SurplusRow("ours with the PV meter, enable delay 5 min (chargemanager's hold)", HomeSimRun.Run(sunny, Car(30),
            new OursPvSurplus(withPv: true, new PvSurplusSettings { EnableDelay = TimeSpan.FromMinutes(5) }).Decide));
        SurplusRow("evcc pv (baseline)", HomeSimRun.Run(sunny, Car(30), new HomeSimEvccPvRule(Charger).Decide));
        SurplusRow("chargemanager tracked (baseline)", HomeSimRun.Run(sunny, Car(30),
            new HomeSimChargeManagerRule(Charger, Power.FromKilowatts(6)).Decide));
        SurplusRow("evse-controller's rule, charge only (baseline)", HomeSimRun.Run(sunny, Car(30),
            new HomeSimEvseControllerRule(Charger, allowDischarge: false).Decide));
        return Task.CompletedTask;
    }

    private static void V2HHeader()
    {
        Console.WriteLine("| rule | house (kWh) | grid import (kWh) | import share of house | V2H (kWh) | car energy exported (kWh) | commands | per hour | max in an hour |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
    }

    private static void V2HRatios(HomeSimResult ours, HomeSimResult evse)
    {
        Console.WriteLine();
        Console.WriteLine(Invariant($"import ours / evse-controller: {ours.GridImport.KilowattHours / evse.GridImport.KilowattHours:0.00} (target < 0.5); commands per hour ours / evse-controller: {ours.CommandsPerHour / evse.CommandsPerHour:0.00} (target ≤ 1)"));
        Console.WriteLine();
    }

    /// <summary>
    /// The product's safety envelope stops any discharge at min SoC (20 %) + 1 %-point, whoever asks; the baseline runs
    /// under it as it would in ChargeBridge, so it cannot spend energy below the floor ours keeps (ours stops at 22 %).
    /// </summary>
    private static Func<HomeSimState, Power?> UnderEnvelope(Func<HomeSimState, Power?> rule) => s =>
    {
        var asked = rule(s);
        if (s.Soc.Value > 21) return asked;
        var inForce = s.LastSetPoint ?? Power.Zero;
        var wanted = asked ?? inForce;
        var safe = wanted.IsDischarging ? Power.Zero : wanted;
        return safe == inForce ? null : safe;
    };

    private static HomeSimCharger Car(double soc) => new(Charger, Energy.FromKilowattHours(60), new Percent(soc));

    /// <summary>A trace read from a file of ../shared/data.</summary>
    internal static HomeSimTrace Read(Func<TextReader, HomeSimTrace> read, string file)
    {
        using var reader = File.OpenText(RepoPaths.SharedFile("data", file));
        return read(reader);
    }

    private static HomeSimResult V2HRow(string name, HomeSimResult r)
    {
        Console.WriteLine(Invariant($"| {name} | {r.House.KilowattHours:0.00} | {r.GridImport.KilowattHours:0.00} | {r.GridImport.KilowattHours / r.House.KilowattHours:0.0%} | {r.VehicleToHome.KilowattHours:0.00} | {(r.Discharged - r.VehicleToHome).KilowattHours:0.00} | {r.Commands} | {r.CommandsPerHour:0.0} | {r.MaxCommandsInAnHour} |"));
        return r;
    }

    private static void SurplusRow(string name, HomeSimResult r)
    {
        var export = r.ChargedFromSurplus + r.GridExport;
        Console.WriteLine(Invariant($"| {name} | {r.Pv.KilowattHours:0.00} | {r.ChargedFromSurplus.KilowattHours:0.00} | {r.ChargedFromSurplus.KilowattHours / export.KilowattHours:0.0%} | {r.ChargedFromGrid.KilowattHours:0.00} | {r.Starts} | {r.Stops} | {r.Commands} |"));
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    /// <summary>Ours in the simulation: the grid reading is fresh each second; the change it made is passed back.
    /// <paramref name="until"/> is the end of the V2H period (null: unknown).</summary>
    private sealed class OursLoadFollowing(DateTimeOffset? until)
    {
        private static readonly LoadFollowingSettings Settings = new();
        private static readonly ChargeSettings Car = new()
        {
            Capacity = Energy.FromKilowattHours(60), RoundTripEfficiency = new Percent(81),
            MaxChargePower = Charger.MaxChargePower, MaxDischargePower = Charger.MaxDischargePower,
        };
        private Power _lastChange = Power.Zero;

        public Power? Decide(HomeSimState s)
        {
            var input = new LoadFollowingInput(s.Now, MeterReading.Read(s.Now, s.Grid), s.ChargerActual, s.LastSetPoint ?? Power.Zero,
                s.LastCommandAt, _lastChange, Charger, s.Soc, Car, new Percent(97), LoadFollowingDirection.V2H)
            {
                DischargeUntil = until,
            };
            var decision = LoadFollowingController.Decide(input, Settings);
            if (!decision.Changed) return null;
            _lastChange = decision.Change;
            return decision.SetPoint;
        }
    }

    /// <summary>Ours in the simulation: a command only when the set point changes; the PV reading when the site has a PV meter.</summary>
    private sealed class OursPvSurplus(bool withPv, PvSurplusSettings? settings = null)
    {
        private readonly PvSurplusController _controller = new(settings ?? new PvSurplusSettings());

        public Power? Decide(HomeSimState s)
        {
            var decision = _controller.Step(new PvSurplusInput(s.Now, MeterReading.Read(s.Now, s.Grid), s.ChargerActual, Charger, PvSurplusMode.SolarOnly)
            {
                CarSoc = s.Soc, PracticalMaxSoc = new Percent(97), PvPower = withPv ? s.Pv : null,
            });
            return decision.SetPoint == (s.LastSetPoint ?? Power.Zero) ? null : decision.SetPoint;
        }
    }
}

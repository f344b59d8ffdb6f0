using System.Globalization;
using ChargeBridge.Host.Demo;
using ChargeBridge.Core.Units;
using ChargeBridge.Host.Report;

namespace ChargeBridge.Host.Tests;

/// <summary>The demo's house behind the grid meter: the car powers it in the evening and charges from its PV at noon.</summary>
[Collection(DemoDayCollection.Name)]
public class DemoHomePowerTests(DemoRun run)
{
    /// <summary>What a meter reading of "about 0" may be: one ampere step (230 W) and some.</summary>
    private const double NearZeroW = 300;

    [Fact]
    public void The_day_is_played_from_the_shared_house_data_with_pv()
    {
        var house = run.Recording.House;
        Assert.True(house.FromData, house.Source);
        Assert.Equal(DemoWorld.HouseStep, house.Trace.Step);
        Assert.Contains(run.Recording.Steps, s => s.Pv.Watts > 5000);
        // The house the site saw is the trace's: never negative, PV only by day.
        Assert.All(run.Recording.Steps, s => Assert.True(s.House.Watts >= 0, $"{s.At:O}: house {s.House}"));
        Assert.All(run.Recording.Steps.Where(s => Local(s.At).Hour is >= 19 or < 6), s => Assert.Equal(0, s.Pv.Watts));
        Assert.Contains($"The house behind the grid meter: {house.Source}", run.Output);
    }

    [Fact]
    public void In_the_evening_the_car_discharges_to_cover_the_house_with_grid_import_near_zero()
    {
        var recording = run.Recording;
        var evening = recording.Steps.Where(s => recording.Evening.Contains(s.At)).ToList();
        Assert.Equal(72, evening.Count);
        Assert.All(evening, s => Assert.Equal("Power the house (V2H)", s.Mode));
        // Without the car the grid would import the whole house: over a kilowatt on average in these hours.
        Assert.True(evening.Average(s => s.House.Watts) > 1000, $"house {evening.Average(s => s.House.Watts):0} W");

        var discharging = evening.Where(s => s.ActualPower.IsDischarging).ToList();
        Assert.True(discharging.Count >= evening.Count * 0.9, $"{discharging.Count} of {evening.Count} evening steps discharging");
        // The car covers the house's load: it discharges at least what the house takes beyond the PV.
        Assert.True(discharging.Count(s => -s.ActualPower.Watts >= s.House.Watts - s.Pv.Watts - NearZeroW) >= evening.Count * 0.9,
            string.Join("; ", discharging.Select(s => $"{Local(s.At):HH:mm} car {s.ActualPower.Watts:0} W house {s.House.Watts:0} W")));
        // So the grid imports next to nothing: the meter reads about 0 or export.
        var import = evening.Select(s => Math.Max(0, s.Grid!.Value.Watts)).ToList();
        Assert.True(import.Count(w => w <= NearZeroW) >= evening.Count * 0.9, string.Join(", ", import.Select(w => w.ToString("0", CultureInfo.InvariantCulture))));
        Assert.True(import.Average() < 150, $"mean import {import.Average():0} W");
        // Load following, not the plan's full-power export: the grid stays near 0 on the export side too.
        Assert.True(evening.Count(s => s.Grid!.Value.Watts > -1000) >= evening.Count * 0.9);

        var (before, after) = (TotalsAt(recording.Evening.Start), TotalsAt(recording.Evening.End));
        var toHouse = after.DischargedToHouse.KilowattHours - before.DischargedToHouse.KilowattHours;
        Assert.True(toHouse > 5, $"{toHouse:0.00} kWh from the car to the house");
        Assert.True(toHouse > (after.Discharged.KilowattHours - before.Discharged.KilowattHours) * 0.6, "most of the evening's discharge went to the house");
    }

    [Fact]
    public void At_noon_the_car_charges_from_the_pv_surplus()
    {
        var recording = run.Recording;
        var noon = recording.Steps.Where(s => recording.Noon.Contains(s.At)).ToList();
        var surplus = noon.Where(s => s.Pv.Watts > s.House.Watts + 1500).ToList();
        Assert.True(surplus.Count >= noon.Count * 0.8, $"{surplus.Count} of {noon.Count} noon steps with PV over the house");
        // A step may fall on the plan's change of slot, when the charger is between two set points.
        Assert.True(surplus.Count(s => s.ActualPower.IsCharging) >= surplus.Count * 0.9,
            string.Join("; ", surplus.Select(s => $"{Local(s.At):HH:mm}: PV {s.Pv.Watts:0} W, house {s.House.Watts:0} W, car {s.ActualPower.Watts:0} W")));

        // Where the plan asks for nothing by day, the car charges from the surplus alone: only while there is one, and
        // without drawing from the grid.
        var solarOnly = recording.Steps.Where(s => s.Mode == "Automatic" && s.PlannedPower == Power.Zero
            && s.ActualPower.IsCharging && s.Pv > Power.Zero).ToList();
        Assert.True(solarOnly.Count >= 6, $"{solarOnly.Count} steps charging from PV beyond the plan");
        Assert.All(solarOnly, s => Assert.True(s.Pv - s.House > s.ActualPower * 0.5, $"{Local(s.At):HH:mm}: charging {s.ActualPower} on PV {s.Pv}, house {s.House}"));
        Assert.True(solarOnly.Count(s => s.Grid!.Value.Watts <= NearZeroW) >= solarOnly.Count * 0.8,
            string.Join("; ", solarOnly.Select(s => $"{Local(s.At):HH:mm} grid {s.Grid!.Value.Watts:0} W")));

        var (before, after) = (TotalsAt(recording.Noon.Start), TotalsAt(recording.Noon.End));
        var fromPv = after.ChargedFromPv.KilowattHours - before.ChargedFromPv.KilowattHours;
        Assert.True(fromPv > 10, $"{fromPv:0.00} kWh charged from PV at noon");
        Assert.True(fromPv <= surplus.Sum(s => s.Pv.Watts - s.House.Watts) / 1000 * DemoDay.RecordInterval.TotalHours + 2,
            "no more from PV than the surplus there was");
    }

    [Fact]
    public void The_report_marks_both_and_sums_them_up_from_the_recording()
    {
        var recording = run.Recording;
        var data = DemoReport.Build(recording);
        Assert.Equal([DemoReport.V2hInTheEvening, DemoReport.SolarAtNoon], data.Highlights.Select(h => h.Title));
        var (v2h, solar) = (data.Highlights[0], data.Highlights[1]);
        Assert.Equal((recording.Evening.Start, recording.Evening.End), (v2h.Start, v2h.End));
        Assert.Equal((recording.Noon.Start, recording.Noon.End), (solar.Start, solar.End));
        string Kwh(double kwh) => kwh.ToString("0.0", CultureInfo.InvariantCulture) + " kWh";
        Assert.Contains("the car powered the house with " + Kwh(TotalsAt(recording.Evening.End).DischargedToHouse.KilowattHours
            - TotalsAt(recording.Evening.Start).DischargedToHouse.KilowattHours), v2h.Text);
        Assert.Contains("the car charged " + Kwh(TotalsAt(recording.Noon.End).ChargedFromPv.KilowattHours
            - TotalsAt(recording.Noon.Start).ChargedFromPv.KilowattHours) + " from PV surplus", solar.Text);
        Assert.All(data.Samples.Zip(recording.Steps), p =>
            Assert.Equal((p.Second.Grid, p.Second.House, p.Second.Pv, p.Second.ActualPower), (p.First.Grid, p.First.House!.Value, p.First.Pv!.Value, p.First.CarPower!.Value)));
    }

    private Core.Statistics.EnergyTotals TotalsAt(DateTimeOffset at) => run.Recording.Steps.Last(s => s.At <= at).Totals;

    private static DateTimeOffset Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, DemoScenario.Zone);
}

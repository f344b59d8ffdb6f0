using ChargeBridge.Core.Units;
using ChargeBridge.Core.Wear;

namespace ChargeBridge.Core.Tests.Wear;

public class BatteryWearTests
{
    private static readonly Energy Pack = Energy.FromKilowattHours(60);

    private static BatteryWear Nmc(double depth = 30, double temperature = 25) =>
        new() { Chemistry = BatteryChemistry.Nmc, PackPriceEur = 8000, Depth = new Percent(depth), TemperatureC = temperature };

    [Fact]
    public void An_nmc_pack_costs_what_its_cycle_life_spreads_its_price_over()
    {
        // 1500 × 0.3^-1.3 = 7175.2 full cycles at 30 %, each giving 18 kWh: 129 154 kWh for 8000 EUR (worked by hand).
        Assert.Equal(7175.2, Nmc().CyclesToEndOfLife, 0.1);
        Assert.Equal(0.06194, Nmc().PerKwhFedBack(Pack, 1).EurPerKwh, 5);
        // A kWh fed back at 95 % took 1/0.95 kWh out of the pack.
        Assert.Equal(0.06194 / 0.95, Nmc().PerKwhFedBack(Pack, 0.95).EurPerKwh, 5);
    }

    [Fact]
    public void Without_a_pack_price_wear_stays_out_of_the_plan()
    {
        Assert.Equal(0, new BatteryWear().PerKwhFedBack(Pack, 0.95).EurPerKwh);
    }

    [Fact]
    public void Deep_cycles_cost_more_per_kwh_than_shallow_ones()
    {
        var shallow = Nmc(depth: 10).PerKwhFedBack(Pack, 1).EurPerKwh;
        var deep = Nmc(depth: 80).PerKwhFedBack(Pack, 1).EurPerKwh;
        Assert.True(deep > shallow, $"deep {deep} vs shallow {shallow}");
        // The ratio is (80/10)^(1.3 − 1) = 1.866.
        Assert.Equal(1.866, deep / shallow, 3);
    }

    [Fact]
    public void Lfp_wears_least_and_nca_most_at_the_same_price()
    {
        double Cost(BatteryChemistry chemistry) => (Nmc() with { Chemistry = chemistry }).PerKwhFedBack(Pack, 1).EurPerKwh;
        Assert.True(Cost(BatteryChemistry.Lfp) < Cost(BatteryChemistry.Nmc));
        Assert.True(Cost(BatteryChemistry.Nmc) < Cost(BatteryChemistry.Nca));
    }

    [Fact]
    public void Heat_shortens_the_life_by_the_arrhenius_factor_and_cold_gives_no_credit()
    {
        var at25 = Nmc().PerKwhFedBack(Pack, 1).EurPerKwh;
        // exp(31700 / 8.314 × (1/298.15 − 1/308.15)) = 1.514 at 35 °C.
        Assert.Equal(1.514, Nmc(temperature: 35).PerKwhFedBack(Pack, 1).EurPerKwh / at25, 3);
        Assert.Equal(at25, Nmc(temperature: 5).PerKwhFedBack(Pack, 1).EurPerKwh, 12);
    }

    [Fact]
    public void A_cycle_life_from_the_warranty_replaces_the_chemistrys_default()
    {
        var warranty = Nmc() with { CycleLife = 3000 };
        Assert.Equal(Nmc().PerKwhFedBack(Pack, 1).EurPerKwh / 2, warranty.PerKwhFedBack(Pack, 1).EurPerKwh, 12);
    }

    [Theory]
    [InlineData(-1, 30, 25, null, nameof(BatteryWear.PackPriceEur))]
    [InlineData(8000, 0, 25, null, nameof(BatteryWear.Depth))]
    [InlineData(8000, 120, 25, null, nameof(BatteryWear.Depth))]
    [InlineData(8000, 30, 90, null, nameof(BatteryWear.TemperatureC))]
    [InlineData(8000, 30, 25, 0.0, nameof(BatteryWear.CycleLife))]
    public void Settings_that_make_no_sense_are_named(double price, double depth, double temperature, double? cycles, string named)
    {
        var wear = new BatteryWear { PackPriceEur = price, Depth = new Percent(depth), TemperatureC = temperature, CycleLife = cycles };
        Assert.Equal([named], wear.Problems().Select(p => p.Property));
    }
}

using ChargeBridge.Apps.V2G;
using ChargeBridge.Core.Control;
using ChargeBridge.HassModel.Helpers;

namespace ChargeBridge.Apps.Tests.V2G;

public class V2GEntitiesTests
{
    [Fact]
    public void The_mode_select_offers_every_mode_and_reads_back_each_one()
    {
        var options = (IReadOnlyList<string>)V2GEntities.Default.ChargeMode.Fields["options"]!;
        Assert.Equal(["Automatic", "Max boost now", "Max discharge now", "Pause", "Solar only", "Min + solar", "Power the house (V2H)",
            "Charge from export (S2V)", "Zero grid (V2H + S2V)"], options);
        Assert.All(Enum.GetValues<ChargeMode>(), mode => Assert.Equal(mode, V2GEntities.ModeFromName(V2GEntities.ModeNames[mode])));
        Assert.Null(V2GEntities.ModeFromName("unavailable"));
        Assert.Equal("input_select.chargebridge_charge_mode", V2GEntities.Default.ChargeMode.EntityId);
    }

    [Theory]
    [InlineData("input_number.chargebridge_min_soc", 10, 55, 20, "%")]
    [InlineData("input_number.chargebridge_max_soc", 60, 95, 80, "%")]
    [InlineData("input_number.chargebridge_battery_capacity", 10, 200, 62, "kWh")]
    [InlineData("input_number.chargebridge_consumption", 100, 400, 175, "Wh/km")]
    [InlineData("input_number.chargebridge_max_charge_power", 1380, 22000, 7400, "W")]
    [InlineData("input_number.chargebridge_max_discharge_power", 1380, 22000, 7400, "W")]
    [InlineData("input_number.chargebridge_price_markup", -0.5, 1, 0, "EUR/kWh")]
    [InlineData("input_number.chargebridge_vat", 0, 50, 0, "%")]
    public void Number_helpers_have_the_documented_ranges_defaults_and_units(string entityId, double min, double max, double initial, string unit)
    {
        var helper = Assert.Single(V2GEntities.Default.Helpers, h => h.EntityId == entityId);
        Assert.Equal((min, max, initial, unit), ((double)helper.Fields["min"]!, (double)helper.Fields["max"]!, (double)helper.Fields["initial"]!,
            (string)helper.Fields["unit_of_measurement"]!));
    }

    [Fact]
    public void Every_helper_has_its_own_entity()
    {
        Assert.Equal(V2GEntities.Default.Helpers.Count, V2GEntities.Default.Helpers.Select(h => h.EntityId).Distinct().Count());
        Assert.All(V2GEntities.Default.Helpers, h => Assert.StartsWith("input_", h.Domain));
    }

    /// <summary>Every entity id V2GEntities names (the ones the dashboard and package may use) exists in HA after one
    /// step, with or without a car, so no card shows "entity not available".</summary>
    [Fact]
    public async Task Every_entity_the_app_names_is_in_HA_after_one_step()
    {
        var named = V2GEntities.Default.Sensors.Concat(V2GEntities.Default.Helpers.Select(h => h.EntityId)).ToList();
        Assert.True(named.Count >= 20, string.Join(", ", named));

        await using var h = await V2GHarness.StartAsync(soc: 50,
            fake => fake.SetState(V2GHarness.PriceSensor, "0.30", V2GHarness.Prices(hour => hour < 6)));
        await h.StepAsync(TimeSpan.FromMinutes(1));

        var missing = named.Where(id => h.Fake.GetState(id) is null).ToList();
        Assert.True(missing.Count == 0, "not in HA: " + string.Join(", ", missing));
    }
}

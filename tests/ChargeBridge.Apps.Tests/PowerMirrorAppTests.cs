using System.Text.Json.Nodes;
using ChargeBridge.Apps.PowerMirror;
using ChargeBridge.HassModel;
using ChargeBridge.HassModel.Fake;
using ChargeBridge.HassModel.Runtime;
using ChargeBridge.Tests;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChargeBridge.Apps.Tests;

public class PowerMirrorAppTests
{
    [Fact]
    public async Task The_mirror_publishes_the_source_power_in_kW_end_to_end()
    {
        await using var fake = await HomeAssistantFake.StartAsync();
        fake.SetState("sensor.house_power", "1250", new JsonObject { ["unit_of_measurement"] = "W" });
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ChargeBridge.Apps.PowerMirror.PowerMirrorConfig:Source"] = "sensor.house_power",
            ["ChargeBridge.Apps.PowerMirror.PowerMirrorConfig:Target"] = "sensor.house_power_kw",
        });
        builder.Services.AddHomeAssistantApps(fake.ClientOptions(), new AppCatalog([typeof(PowerMirrorApp)]));
        using var host = builder.Build();
        await host.StartAsync();
        await host.Services.GetRequiredService<AppRuntime>().Started.WaitAsync(TimeSpan.FromSeconds(10));

        await WaitFor(() => fake.GetState("sensor.house_power_kw")?.State == "1.25");
        var published = fake.GetState("sensor.house_power_kw")!;
        Assert.Equal(("kW", "power", "measurement"),
            (published.AttributeString("unit_of_measurement"), published.AttributeString("device_class"), published.AttributeString("state_class")));

        fake.SetState("sensor.house_power", "unavailable");
        await WaitFor(() => fake.GetState("sensor.house_power_kw")?.State == "unavailable");
        fake.SetState("sensor.house_power", "-3.5", new JsonObject { ["unit_of_measurement"] = "kW" });
        await WaitFor(() => fake.GetState("sensor.house_power_kw")?.State == "-3.5");
        await host.StopAsync();
    }

    [Theory]
    [InlineData("1500", "W", 1500.0)]
    [InlineData("1.5", "kW", 1500.0)]
    [InlineData("0.002", "MW", 2000.0)]
    [InlineData("7", null, 7.0)]
    [InlineData("7", "A", null)]
    [InlineData("unknown", "W", null)]
    public void Power_is_read_in_the_unit_the_sensor_states(string state, string? unit, double? watts)
    {
        var attributes = new Dictionary<string, System.Text.Json.JsonElement>();
        if (unit is not null) attributes["unit_of_measurement"] = System.Text.Json.JsonSerializer.SerializeToElement(unit);
        Assert.Equal(watts, PowerMirrorApp.ReadPower(new EntityState("sensor.p", state, attributes))?.Watts);
    }

    private static async Task WaitFor(Func<bool> condition)
    {
        var deadline = Environment.TickCount64 + 10_000;
        while (!condition())
        {
            if (Environment.TickCount64 > deadline) throw new TimeoutException("condition not met in time");
            await Task.Delay(10);
        }
    }
}

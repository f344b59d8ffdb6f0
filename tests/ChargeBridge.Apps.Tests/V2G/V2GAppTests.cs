using ChargeBridge.Apps.V2G;
using ChargeBridge.Devices.Quasar;
using ChargeBridge.HassModel;
using ChargeBridge.HassModel.Fake;
using ChargeBridge.HassModel.Runtime;
using ChargeBridge.Tests;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChargeBridge.Apps.Tests.V2G;

public class V2GAppTests
{
    [Fact]
    public async Task Hosted_by_the_runtime_the_app_creates_its_helpers_binds_the_charger_and_publishes_its_sensors()
    {
        await using var sim = await QuasarSimulator.StartAsync();
        await using var fake = await HomeAssistantFake.StartAsync();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ChargeBridge.Apps.V2G.V2GConfig:ChargerHost"] = "127.0.0.1",
            ["ChargeBridge.Apps.V2G.V2GConfig:ChargerPort"] = sim.Endpoint.Port.ToString(),
            ["ChargeBridge.Apps.V2G.V2GConfig:NotifyTargets:0"] = "mobile_app_pixel_8",
        });
        builder.Services.AddHomeAssistantApps(fake.ClientOptions(), new AppCatalog([typeof(V2GApp)]));
        using var host = builder.Build();
        await host.StartAsync();
        await host.Services.GetRequiredService<AppRuntime>().Started.WaitAsync(TimeSpan.FromSeconds(10));

        // The simulator's car is connected, so the state read from the charger is known, whichever it is by now.
        // The next-target sensor is published last in a step.
        await Wait.Until(() => fake.GetState(V2GEntities.Default.NextTarget) is not null &&
            fake.GetState(V2GEntities.Default.ChargerState)?.State is { } state && state != "Unknown" && state != "NoCar",
            "the sensors, with the charger state read from the simulator");
        Assert.All(V2GEntities.Default.Helpers, helper => Assert.NotNull(fake.GetState(helper.EntityId)));
        Assert.Equal("Automatic", fake.GetState(V2GEntities.Default.ChargeMode.EntityId)?.State);
        AssertSensor(fake.GetState(V2GEntities.Default.Soc), "battery", "%", "measurement");
        AssertSensor(fake.GetState(V2GEntities.Default.ActualPower), "power", "W", "measurement");
        AssertSensor(fake.GetState(V2GEntities.Default.PlannedPower), "power", "W", "measurement");
        Assert.Equal("enum", fake.GetState(V2GEntities.Default.Mode)?.AttributeString("device_class"));
        Assert.Equal("timestamp", fake.GetState(V2GEntities.Default.NextTarget)?.AttributeString("device_class"));
        // There is no price sensor, which is an alert pushed to the configured phone.
        await Wait.Until(() => fake.Notifications.Any(c => c.Service == "mobile_app_pixel_8"), "the missing prices pushed to the phone");
        await Wait.Until(() => fake.GetState(V2GEntities.Default.Alert)?.State == "chargebridge_price_data", "the alert sensor");
        await host.StopAsync();
    }

    [Fact]
    public async Task Without_a_charger_address_the_app_fails_with_the_setting_named_and_contacts_nothing()
    {
        await using var fake = await HomeAssistantFake.StartAsync();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddHomeAssistantApps(fake.ClientOptions(), new AppCatalog([typeof(V2GApp)]));
        using var host = builder.Build();
        await host.StartAsync();
        var runtime = host.Services.GetRequiredService<AppRuntime>();
        await runtime.Started.WaitAsync(TimeSpan.FromSeconds(10));
        var status = Assert.Single(runtime.Apps);
        Assert.Equal(AppState.Failed, status.State);
        Assert.Contains("V2GConfig:ChargerHost is empty", status.Error);
        Assert.Empty(fake.ServiceCalls);
        await host.StopAsync();
    }

    private static void AssertSensor(EntityState? sensor, string deviceClass, string unit, string stateClass)
    {
        Assert.NotNull(sensor);
        Assert.Equal((deviceClass, unit, stateClass),
            (sensor.AttributeString("device_class"), sensor.AttributeString("unit_of_measurement"), sensor.AttributeString("state_class")));
    }
}

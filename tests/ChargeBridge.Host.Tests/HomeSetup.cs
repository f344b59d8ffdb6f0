using System.Globalization;
using System.Text.Json.Nodes;
using ChargeBridge.Devices.Quasar;
using ChargeBridge.FlexMeasures.Fake;
using ChargeBridge.HassModel.Fake;

namespace ChargeBridge.Host.Tests;

/// <summary>A home on loopback for `check` and `run`: the HA fake with the V2G app's calendar and price sensor, the
/// Quasar simulator and the FlexMeasures fake, and the configuration keys pointing at them.</summary>
internal sealed class HomeSetup : IAsyncDisposable
{
    public const string Token = "ha-token-5f3c9e1d7a";
    public const string FlexPassword = "fm-password-8b2e4d6a";
    public const string Calendar = "calendar.car";
    public const string Prices = "sensor.chargebridge_prices";

    private HomeSetup(HomeAssistantFake ha, QuasarSimulator charger, FakeFlexMeasuresServer flexMeasures)
    {
        Ha = ha;
        Charger = charger;
        FlexMeasures = flexMeasures;
    }

    public HomeAssistantFake Ha { get; }
    public QuasarSimulator Charger { get; }
    public FakeFlexMeasuresServer FlexMeasures { get; }

    public static async Task<HomeSetup> StartAsync(TimeProvider? time = null, QuasarSimulatorOptions? charger = null)
    {
        var ha = await HomeAssistantFake.StartAsync(Token);
        ha.SetState(Calendar, "off", new JsonObject { ["friendly_name"] = "Car" });
        ha.SetState(Prices, "0.25", new JsonObject { ["unit_of_measurement"] = "EUR/kWh" });
        var quasar = await QuasarSimulator.StartAsync(options: charger);
        var flexMeasures = await FakeFlexMeasuresServer.StartAsync(time ?? TimeProvider.System,
            new FakeFlexMeasuresBehaviour { Password = FlexPassword });
        return new HomeSetup(ha, quasar, flexMeasures);
    }

    /// <summary>Configuration keys for all three; <paramref name="change"/> edits them (a wrong token, a closed port …).</summary>
    public Dictionary<string, string?> Settings(Action<Dictionary<string, string?>>? change = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["HomeAssistant:Host"] = "127.0.0.1",
            ["HomeAssistant:Port"] = Ha.Port.ToString(CultureInfo.InvariantCulture),
            ["HomeAssistant:Token"] = Token,
            ["ChargeBridge.Apps.V2G.V2GConfig:ChargerHost"] = "127.0.0.1",
            ["ChargeBridge.Apps.V2G.V2GConfig:ChargerPort"] = Charger.Endpoint.Port.ToString(CultureInfo.InvariantCulture),
            ["ChargeBridge.Apps.V2G.V2GConfig:CalendarEntity"] = Calendar,
            ["ChargeBridge.Apps.V2G.V2GConfig:Prices:Entity"] = Prices,
            ["ChargeBridge.Apps.V2G.V2GConfig:FlexMeasures:Url"] = FlexMeasures.BaseAddress.ToString(),
            ["ChargeBridge.Apps.V2G.V2GConfig:FlexMeasures:Email"] = FlexMeasures.Behaviour.Email,
            ["ChargeBridge.Apps.V2G.V2GConfig:FlexMeasures:Password"] = FlexPassword,
            ["ChargeBridge.Apps.V2G.V2GConfig:FlexMeasures:PowerSensor"] = "1",
            ["ChargeBridge.Apps.V2G.V2GConfig:FlexMeasures:ConsumptionPriceSensor"] = "2",
            ["ChargeBridge.Apps.V2G.V2GConfig:FlexMeasures:ProductionPriceSensor"] = "2",
            ["ChargeBridge.Apps.V2G.V2GConfig:FlexMeasures:SocSensor"] = "3",
            ["ChargeBridge.Apps.V2G.V2GConfig:FlexMeasures:AvailabilitySensor"] = "4",
        };
        change?.Invoke(settings);
        return settings;
    }

    public async ValueTask DisposeAsync()
    {
        await Ha.DisposeAsync();
        await Charger.DisposeAsync();
        await FlexMeasures.DisposeAsync();
    }
}

using ChargeBridge.Devices.HaEntities;
using ChargeBridge.Devices.Alfen;
using ChargeBridge.Devices.Keba;
using ChargeBridge.Devices.NrgKick;
using ChargeBridge.Devices.Shelly;
using ChargeBridge.Host.Checks;
using ChargeBridge.Host.Verbs;
using ChargeBridge.Tests;
using Microsoft.Extensions.Configuration;

namespace ChargeBridge.Host.Tests;

/// <summary>`check` against the HA fake, the Quasar simulator and the FlexMeasures fake on loopback.</summary>
public class CheckVerbTests
{
    private static async Task<(IReadOnlyList<CheckItem> Items, string Text)> CheckAsync(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationManager();
        var items = await CheckVerb.RunAsync(configuration, () =>
        {
            AppHost.Configure(configuration, null, AppHost.DefaultAppsConfigFolder);
            configuration.AddInMemoryCollection(settings);
        }, _ => null, TimeSpan.FromSeconds(10), CancellationToken.None);
        var text = string.Join("\n", items);
        Assert.DoesNotContain(HomeSetup.Token, text);
        Assert.DoesNotContain(HomeSetup.FlexPassword, text);
        return (items, text);
    }

    private static CheckItem Failure(IReadOnlyList<CheckItem> items, string finding) =>
        Assert.Single(items, i => !i.Passed && i.Finding.Contains(finding, StringComparison.Ordinal));

    [Fact]
    public async Task A_complete_home_passes_every_check()
    {
        await using var home = await HomeSetup.StartAsync();
        var (items, text) = await CheckAsync(home.Settings());
        Assert.True(items.All(i => i.Passed), text);
        Assert.Contains("accepted the access token", text);
        Assert.Contains("is an administrator", text);
        Assert.Contains("V2GConfig:CalendarEntity: calendar.car exists", text);
        Assert.Contains("V2GConfig:Prices:Entity: sensor.chargebridge_prices exists", text);
        Assert.Contains("the charger (quasar at 127.0.0.1:", text);
        Assert.Contains(") answers (firmware ", text);
        Assert.Contains("power 1380–7400 W on 1 phase(s)", text);
        Assert.Contains("remote control possible", text);
        Assert.Contains("logged in to FlexMeasures", text);
        Assert.Contains("FlexMeasures:ConsumptionPriceSensor: sensor 2 exists", text);
    }

    [Fact]
    public async Task A_site_checks_every_charger_and_meter_the_one_HA_integrates_through_HA_and_a_silent_meter_fails_with_its_hint()
    {
        await using var home = await HomeSetup.StartAsync();
        using var twin = HaChargerTwin.Attach(home.Ha);
        await using var shelly = await ShellySimulator.StartAsync(ShellyModel.Pro3Em);
        shelly.SetPower(2300);
        const string v2g = "ChargeBridge.Apps.V2G.V2GConfig:";
        var settings = home.Settings(s =>
        {
            foreach (var key in s.Keys.Where(k => k.StartsWith(v2g + "Charger", StringComparison.Ordinal) || k.StartsWith(v2g + "FlexMeasures", StringComparison.Ordinal)).ToList())
                s.Remove(key);
            s[v2g + "Loadpoints:0:Name"] = "garage";
            s[v2g + "Loadpoints:0:Charger:Type"] = "quasar";
            s[v2g + "Loadpoints:0:Charger:Host"] = "127.0.0.1";
            s[v2g + "Loadpoints:0:Charger:Port"] = home.Charger.Endpoint.Port.ToString();
            s[v2g + "Loadpoints:1:Name"] = "driveway";
            foreach (var (key, value) in twin.ChargerKeys) s[v2g + "Loadpoints:1:Charger:" + key] = value;
            s[v2g + "Grid:Meter:Type"] = "shelly-pro3em";
            s[v2g + "Grid:Meter:Host"] = "127.0.0.1";
            s[v2g + "Grid:Meter:Port"] = shelly.Port.ToString();
            s[v2g + "PvMeter:Type"] = "shelly-gen1";
            s[v2g + "PvMeter:Host"] = "127.0.0.1";
            s[v2g + "PvMeter:Port"] = ClosedPort.Next().ToString();
            s[v2g + "PvMeter:TimeoutS"] = "1";
        });
        var (items, text) = await CheckAsync(settings);
        Assert.Contains("the garage charger (quasar at 127.0.0.1:", text);
        Assert.Contains(items, i => i.Passed && i.Finding.StartsWith("the driveway charger (ha-entities", StringComparison.Ordinal) && i.Finding.Contains("answers"));
        Assert.Contains(items, i => i.Passed && i.Finding.Contains($"Loadpoints:1:Charger:Enable: {twin.Enable} exists", StringComparison.Ordinal));
        Assert.Contains(items, i => i.Passed && i.Finding.StartsWith("the Grid:Meter (shelly-pro3em", StringComparison.Ordinal) && i.Finding.EndsWith("answers: 2300 W"));
        var pv = Failure(items, "the PvMeter (shelly-gen1");
        Assert.Contains("Shelly", pv.Fix);
        Assert.Single(items, i => !i.Passed);
    }

    [Fact]
    public async Task An_nrgkick_loadpoint_is_checked_through_its_local_api_and_a_wrong_password_fails_with_its_hint()
    {
        await using var home = await HomeSetup.StartAsync();
        await using var kick = await NrgKickTwin.StartAsync(new NrgKickTwinOptions { Password = "check-kick-8812" });
        const string v2g = "ChargeBridge.Apps.V2G.V2GConfig:";
        Dictionary<string, string?> Site(string password) => home.Settings(s =>
        {
            foreach (var key in s.Keys.Where(k => k.StartsWith(v2g + "Charger", StringComparison.Ordinal)).ToList()) s.Remove(key);
            s[v2g + "Loadpoints:0:Name"] = "carport";
            s[v2g + "Loadpoints:0:Charger:Type"] = "nrgkick";
            s[v2g + "Loadpoints:0:Charger:Host"] = "127.0.0.1";
            s[v2g + "Loadpoints:0:Charger:Port"] = kick.Port.ToString();
            s[v2g + "Loadpoints:0:Charger:Password"] = password;
        });

        var (items, text) = await CheckAsync(Site("check-kick-8812"));
        Assert.Contains(items, i => i.Passed && i.Finding.StartsWith("the carport charger (nrgkick", StringComparison.Ordinal) && i.Finding.Contains("answers"));
        Assert.DoesNotContain("check-kick-8812", text);

        (items, text) = await CheckAsync(Site("wrong-kick-0001"));
        var failure = Failure(items, "the carport charger (nrgkick");
        Assert.Contains("refused the password", failure.Finding);
        Assert.Contains("NRGKICK app", failure.Fix);
        Assert.DoesNotContain("wrong-kick-0001", text);
    }

    [Fact]
    public async Task A_keba_loadpoint_is_checked_over_modbus_and_one_that_does_not_answer_fails_with_its_hint()
    {
        await using var home = await HomeSetup.StartAsync();
        await using var keba = await KebaSimulator.StartAsync();
        const string v2g = "ChargeBridge.Apps.V2G.V2GConfig:";
        Dictionary<string, string?> Site(int port) => home.Settings(s =>
        {
            foreach (var key in s.Keys.Where(k => k.StartsWith(v2g + "Charger", StringComparison.Ordinal)).ToList()) s.Remove(key);
            s[v2g + "Loadpoints:0:Name"] = "garage";
            s[v2g + "Loadpoints:0:Charger:Type"] = "keba";
            s[v2g + "Loadpoints:0:Charger:Host"] = "127.0.0.1";
            s[v2g + "Loadpoints:0:Charger:Port"] = port.ToString();
        });

        var (items, _) = await CheckAsync(Site(keba.Endpoint.Port));
        Assert.Contains(items, i => i.Passed && i.Finding.StartsWith("the garage charger (keba", StringComparison.Ordinal) && i.Finding.Contains("answers"));

        (items, _) = await CheckAsync(Site(ClosedPort.Next()));
        var failure = Failure(items, "the garage charger (keba");
        Assert.Contains("Modbus TCP is enabled", failure.Fix);
    }

    [Fact]
    public async Task An_alfen_loadpoint_is_checked_over_modbus_and_one_that_does_not_answer_fails_with_its_hint()
    {
        await using var home = await HomeSetup.StartAsync();
        await using var alfen = await AlfenSimulator.StartAsync();
        const string v2g = "ChargeBridge.Apps.V2G.V2GConfig:";
        Dictionary<string, string?> Site(int port) => home.Settings(s =>
        {
            foreach (var key in s.Keys.Where(k => k.StartsWith(v2g + "Charger", StringComparison.Ordinal)).ToList()) s.Remove(key);
            s[v2g + "Loadpoints:0:Name"] = "driveway";
            s[v2g + "Loadpoints:0:Charger:Type"] = "alfen";
            s[v2g + "Loadpoints:0:Charger:Host"] = "127.0.0.1";
            s[v2g + "Loadpoints:0:Charger:Port"] = port.ToString();
        });

        var (items, _) = await CheckAsync(Site(alfen.Endpoint.Port));
        Assert.Contains(items, i => i.Passed && i.Finding.StartsWith("the driveway charger (alfen", StringComparison.Ordinal) && i.Finding.Contains("answers"));

        (items, _) = await CheckAsync(Site(ClosedPort.Next()));
        var failure = Failure(items, "the driveway charger (alfen");
        Assert.Contains("Energy Management System", failure.Fix);
    }

    [Fact]
    public async Task A_time_of_use_tariff_checks_no_price_entity_but_the_export_entity_it_reads()
    {
        await using var home = await HomeSetup.StartAsync();
        const string prices = "ChargeBridge.Apps.V2G.V2GConfig:Prices:";
        var (items, text) = await CheckAsync(home.Settings(s =>
        {
            s[prices + "Import"] = "TimeOfUse";
            s[prices + "Entity"] = "sensor.no_such_prices";
            s[prices + "TimeOfUse:DefaultPrice"] = "0.25";
            s[prices + "Export"] = "Entity";
            s[prices + "ExportSource"] = "Octopus";
            s[prices + "ExportEntity"] = "event.octopus_energy_electricity_outgoing_current_day_rates";
        }));
        Assert.DoesNotContain("sensor.no_such_prices", text);
        Failure(items, "Prices:ExportEntity: event.octopus_energy_electricity_outgoing_current_day_rates does not exist in Home Assistant");
    }

    [Fact]
    public async Task A_refused_token_fails_with_how_to_make_one()
    {
        await using var home = await HomeSetup.StartAsync();
        var (items, _) = await CheckAsync(home.Settings(s => s["HomeAssistant:Token"] = "wrong-token-0c7d"));
        Assert.Contains("long-lived access token", Failure(items, "refused the access token").Fix);
        Assert.DoesNotContain("wrong-token-0c7d", string.Join("\n", items));
    }

    [Fact]
    public async Task Home_Assistant_not_listening_fails_at_the_first_refused_connection_with_the_address_hint()
    {
        await using var home = await HomeSetup.StartAsync();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (items, _) = await CheckAsync(home.Settings(s => s["HomeAssistant:Port"] = ClosedPort.Next().ToString()));
        Assert.Contains("HomeAssistant:Host, Port and Ssl", Failure(items, "did not answer: Home Assistant connection lost").Fix);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(8), "the check waited for its 10 s timeout instead of the first failure");
    }

    [Fact]
    public async Task FlexMeasures_not_listening_fails_with_the_url_hint()
    {
        await using var home = await HomeSetup.StartAsync();
        var (items, _) = await CheckAsync(home.Settings(s => s["ChargeBridge.Apps.V2G.V2GConfig:FlexMeasures:Url"] = $"http://127.0.0.1:{ClosedPort.Next()}/"));
        Assert.Contains("FlexMeasures:Url", Failure(items, "could not be reached").Fix);
    }

    [Fact]
    public async Task A_token_of_a_user_who_is_not_admin_fails()
    {
        await using var home = await HomeSetup.StartAsync();
        home.Ha.TokenIsAdmin = false;
        var (items, _) = await CheckAsync(home.Settings());
        Assert.Contains("administrator", Failure(items, "is not an administrator").Fix);
    }

    [Fact]
    public async Task A_missing_or_unavailable_entity_fails_and_names_the_key()
    {
        await using var home = await HomeSetup.StartAsync();
        home.Ha.SetState(HomeSetup.Prices, "unavailable");
        var (items, _) = await CheckAsync(home.Settings(s => s["ChargeBridge.Apps.V2G.V2GConfig:CalendarEntity"] = "calendar.trips"));
        Assert.Contains("set V2GConfig:CalendarEntity", Failure(items, "V2GConfig:CalendarEntity: calendar.trips does not exist").Fix);
        Failure(items, "V2GConfig:Prices:Entity: sensor.chargebridge_prices is unavailable");
    }

    [Fact]
    public async Task A_charger_that_does_not_listen_fails_with_the_Modbus_hint()
    {
        await using var home = await HomeSetup.StartAsync();
        var (items, _) = await CheckAsync(home.Settings(s => s["ChargeBridge.Apps.V2G.V2GConfig:ChargerPort"] = ClosedPort.Next().ToString()));
        Assert.Contains("Modbus TCP is enabled", Failure(items, ") does not answer: ").Fix);
    }

    [Fact]
    public async Task A_charger_held_by_a_Wallbox_app_schedule_fails()
    {
        await using var home = await HomeSetup.StartAsync();
        home.Charger.SetAppSchedule(true);
        var (items, _) = await CheckAsync(home.Settings());
        Assert.Contains("Wallbox app", Failure(items, "ignores remote control").Fix);
    }

    [Fact]
    public async Task A_wrong_FlexMeasures_password_fails_without_showing_it()
    {
        await using var home = await HomeSetup.StartAsync();
        var (items, text) = await CheckAsync(home.Settings(s => s["ChargeBridge.Apps.V2G.V2GConfig:FlexMeasures:Password"] = "wrong-password-4e1f"));
        Assert.Contains("FlexMeasures:Password", Failure(items, "FlexMeasures login failed").Fix);
        Assert.DoesNotContain("wrong-password-4e1f", text);
    }

    [Fact]
    public async Task Without_a_FlexMeasures_section_nothing_about_it_is_checked()
    {
        await using var home = await HomeSetup.StartAsync();
        var settings = home.Settings(s => { foreach (var key in s.Keys.Where(k => k.Contains(":FlexMeasures:")).ToList()) s.Remove(key); });
        var (items, text) = await CheckAsync(settings);
        Assert.True(items.All(i => i.Passed), text);
        Assert.DoesNotContain("FlexMeasures", text);
    }

    [Fact]
    public async Task Configuration_problems_are_failures_and_the_valid_parts_are_still_checked()
    {
        await using var home = await HomeSetup.StartAsync();
        var (items, _) = await CheckAsync(home.Settings(s => s["ChargeBridge.Apps.V2G.V2GConfig:ChargerHost"] = ""));
        Failure(items, "V2GConfig:ChargerHost is empty");
        Assert.Contains(items, i => i.Passed && i.Finding.Contains("accepted the access token"));
        Assert.DoesNotContain(items, i => i.Finding.StartsWith("the charger at", StringComparison.Ordinal));
    }
}

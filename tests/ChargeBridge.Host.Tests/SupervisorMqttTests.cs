using System.Net;
using ChargeBridge.HassModel.Mqtt;
using ChargeBridge.Host;
using ChargeBridge.Host.Configuration;
using Microsoft.Extensions.Configuration;

namespace ChargeBridge.Host.Tests;

/// <summary>The add-on's broker settings from the Supervisor's MQTT service, against a fake Supervisor that answers
/// as its API documentation shows.</summary>
public class SupervisorMqttTests
{
    private static readonly Uri Endpoint = new("http://supervisor/services/mqtt");

    [Fact]
    public async Task Mqtt_inside_the_add_on_the_supervisor_s_broker_becomes_the_mqtt_options()
    {
        var supervisor = new FakeSupervisor(HttpStatusCode.OK, """
            {"result": "ok", "data": {"addon": "core_mosquitto", "host": "core-mosquitto", "port": 1883, "ssl": false,
             "protocol": "3.1.1", "username": "addons", "password": "s3cret"}}
            """);
        var configuration = await ReadAsync(supervisor, token: "addon-token");

        var options = MqttOptions.FromConfiguration(configuration);
        Assert.Equal(("core-mosquitto", 1883, "addons", "s3cret"), (options.Host, options.Port, options.Username, options.Password));
        Assert.True(AppHost.MqttConfigured(configuration));
        Assert.Equal(("/services/mqtt", "Bearer addon-token"), (supervisor.Path, supervisor.Authorization));
    }

    [Theory]
    [InlineData(400, """{"result": "error", "message": "No MQTT service available"}""", "No MQTT service available")]
    [InlineData(200, """{"result": "ok", "data": {"host": "core-mosquitto", "port": 8883, "ssl": true}}""", "TLS")]
    [InlineData(200, """<html>bad gateway</html>""", "not the documented shape")]
    public async Task Mqtt_without_a_usable_broker_the_entities_stay_on_rest_and_the_reason_is_told(int status, string body, string reason)
    {
        var log = new StringWriter();
        var configuration = await ReadAsync(new FakeSupervisor((HttpStatusCode)status, body), "addon-token", log);
        Assert.False(AppHost.MqttConfigured(configuration));
        Assert.Contains(reason, log.ToString());
    }

    [Fact]
    public async Task Mqtt_a_broker_named_in_the_settings_wins_and_outside_the_add_on_the_supervisor_is_not_asked()
    {
        var supervisor = new FakeSupervisor(HttpStatusCode.OK, """{"result": "ok", "data": {"host": "core-mosquitto", "port": 1883}}""");
        var named = await ReadAsync(supervisor, "addon-token", settings: new() { ["Mqtt:Host"] = "broker.lan" });
        Assert.Equal("broker.lan", MqttOptions.FromConfiguration(named).Host);
        var outside = await ReadAsync(supervisor, token: null);
        Assert.False(AppHost.MqttConfigured(outside));
        Assert.Null(supervisor.Path);
    }

    [Fact]
    public void Mqtt_the_host_hands_the_apps_mqtt_options_only_when_a_broker_is_named()
    {
        MqttOptions? Built(Dictionary<string, string?> settings)
        {
            var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
            builder.Configuration.AddInMemoryCollection(settings);
            using var host = AppHost.Build(builder, new HassModel.HomeAssistantOptions { Token = "t" });
            return (MqttOptions?)host.Services.GetService(typeof(MqttOptions));
        }
        Assert.Equal(("broker.lan", 1884), Built(new() { ["Mqtt:Host"] = "broker.lan", ["Mqtt:Port"] = "1884" }) is { } o ? (o.Host, o.Port) : default);
        Assert.Null(Built([]));
    }

    private static async Task<IConfiguration> ReadAsync(FakeSupervisor supervisor, string? token, TextWriter? log = null,
        Dictionary<string, string?>? settings = null)
    {
        var configuration = new ConfigurationManager();
        configuration.AddInMemoryCollection(settings ?? []);
        using var http = new HttpClient(supervisor);
        await AppHost.AddSupervisorMqttAsync(configuration, name => name == "SUPERVISOR_TOKEN" ? token : null, http, Endpoint, log ?? TextWriter.Null,
            CancellationToken.None);
        return configuration;
    }

    private sealed class FakeSupervisor(HttpStatusCode status, string body) : HttpMessageHandler
    {
        public string? Path { get; private set; }
        public string? Authorization { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            (Path, Authorization) = (request.RequestUri!.AbsolutePath, request.Headers.Authorization?.ToString());
            return Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body) });
        }
    }
}

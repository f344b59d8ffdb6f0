using ChargeBridge.HassModel.Client;
using Microsoft.Extensions.Configuration;

namespace ChargeBridge.HassModel.Tests;

public class OptionsAndBackoffTests
{
    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build();

    [Fact]
    public void Inside_an_add_on_the_supervisor_proxy_and_its_token_are_used()
    {
        var options = HomeAssistantOptions.FromConfiguration(Config(("HomeAssistant:Host", "ignored")), name => name == "SUPERVISOR_TOKEN" ? "sup-token" : null);
        Assert.Equal(new Uri("ws://supervisor/core/websocket"), options.WebSocketUri);
        Assert.Equal(new Uri("http://supervisor/core/api/"), options.RestUri);
        Assert.Equal("sup-token", options.Token);
    }

    [Fact]
    public void Outside_an_add_on_host_port_ssl_and_token_come_from_configuration()
    {
        var options = HomeAssistantOptions.FromConfiguration(
            Config(("HomeAssistant:Host", "ha.local"), ("HomeAssistant:Port", "8443"), ("HomeAssistant:Ssl", "true"), ("HomeAssistant:Token", "t")), _ => null);
        Assert.Equal(new Uri("wss://ha.local:8443/api/websocket"), options.WebSocketUri);
        Assert.Equal(new Uri("https://ha.local:8443/api/"), options.RestUri);
    }

    [Fact]
    public void A_missing_token_names_the_setting()
    {
        var error = Assert.Throws<InvalidOperationException>(() => HomeAssistantOptions.FromConfiguration(Config(), _ => null));
        Assert.Contains("HomeAssistant:Token", error.Message);
    }

    [Theory]
    [InlineData("Port", "eighty", "whole number")]
    [InlineData("Port", "70000", "between 1 and 65535")]
    [InlineData("Ssl", "yes", "true or false")]
    public void An_invalid_value_names_the_setting(string key, string value, string hint)
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            HomeAssistantOptions.FromConfiguration(Config(("HomeAssistant:Token", "t"), ($"HomeAssistant:{key}", value)), _ => null));
        Assert.Contains($"HomeAssistant:{key}", error.Message);
        Assert.Contains(hint, error.Message);
    }

    [Fact]
    public void The_options_never_print_the_token()
    {
        var options = new HomeAssistantOptions { Token = "very-secret" };
        Assert.DoesNotContain("very-secret", options.ToString());
    }

    [Fact]
    public void Backoff_doubles_from_5_to_80_seconds_and_resets_after_a_good_connection()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(80));
        Assert.Equal([5, 10, 20, 40, 80, 80], Enumerable.Range(0, 6).Select(_ => backoff.Next().TotalSeconds));
        backoff.Reset();
        Assert.Equal(5, backoff.Next().TotalSeconds);
    }

    [Fact]
    public void The_default_options_are_the_documented_ones()
    {
        var options = new HomeAssistantOptions();
        Assert.Equal((5, 80), (options.ReconnectFirstDelay.TotalSeconds, options.ReconnectMaxDelay.TotalSeconds));
    }
}

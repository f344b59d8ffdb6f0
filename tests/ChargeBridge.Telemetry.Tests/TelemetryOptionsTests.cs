using Microsoft.Extensions.Configuration;

namespace ChargeBridge.Telemetry.Tests;

public sealed class TelemetryOptionsTests
{
    private static (TelemetryOptions Options, List<(string Key, string Fix)> Problems) Read(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>("Telemetry:" + s.Key, s.Value))).Build();
        var problems = new List<(string Key, string Fix)>();
        return (TelemetryOptions.Read(configuration, problems), problems);
    }

    [Fact]
    public void Nothing_set_is_telemetry_off_without_a_problem()
    {
        var (options, problems) = Read();
        Assert.Empty(problems);
        Assert.Null(options.InfluxUrl);
        Assert.False(options.Prometheus);
    }

    [Fact]
    public void InfluxDB_1_and_2_targets_read_with_their_credentials_and_bounds()
    {
        var (v1, none) = Read(("InfluxUrl", "http://influx:8086"), ("Database", "home"), ("Username", "cb"), ("Password", "pw"),
            ("FlushSeconds", "10"), ("BufferSize", "7200"), ("Prometheus", "true"));
        Assert.Empty(none);
        Assert.False(v1.V2);
        Assert.Equal((TimeSpan.FromSeconds(10), 7200, true), (v1.Flush, v1.BufferSize, v1.Prometheus));
        var (v2, problems) = Read(("InfluxUrl", "https://influx.example"), ("Org", "home"), ("Bucket", "ev"), ("Token", "t0k"));
        Assert.Empty(problems);
        Assert.True(v2.V2);
    }

    [Theory]
    [InlineData("InfluxUrl", "influx:8086", "Database", "home", "Telemetry:InfluxUrl")]
    [InlineData("InfluxUrl", "http://influx:8086", "Username", "cb", "Telemetry:Database")]
    [InlineData("InfluxUrl", "http://influx:8086", "Bucket", "ev", "Telemetry:Org")]
    [InlineData("FlushSeconds", "0", "Prometheus", "true", "Telemetry:FlushSeconds")]
    [InlineData("Prometheus", "yes", "BufferSize", "10", "Telemetry:Prometheus")]
    public void A_bad_setting_is_named(string key, string value, string otherKey, string otherValue, string named)
    {
        var (_, problems) = Read((key, value), (otherKey, otherValue));
        Assert.Contains(problems, p => p.Key == named);
    }

    [Fact]
    public void A_user_without_a_password_or_beside_a_token_is_a_problem()
    {
        var (_, missing) = Read(("InfluxUrl", "http://influx:8086"), ("Database", "home"), ("Username", "cb"));
        Assert.Equal(["Telemetry:Password"], missing.Select(p => p.Key));
        var (_, both) = Read(("InfluxUrl", "http://influx:8086"), ("Database", "home"), ("Token", "t"), ("Username", "cb"), ("Password", "pw"));
        Assert.Equal(["Telemetry:Token"], both.Select(p => p.Key));
    }
}

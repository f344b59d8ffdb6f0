using ChargeBridge.Apps.V2G;
using ChargeBridge.Tests;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace ChargeBridge.Apps.Tests.V2G;

public class HaTimeZoneTests
{
    [Fact]
    public void The_zone_HA_is_configured_with_is_used()
    {
        var logs = new FakeLogCollector();
        var zone = HaTimeZone.Resolve("Europe/Amsterdam", new FakeLogger<HaTimeZoneTests>(logs));
        Assert.Equal(TimeSpan.FromHours(2), zone.GetUtcOffset(new DateTimeOffset(2026, 7, 1, 12, 0, 0, TimeSpan.Zero)));
        Assert.Empty(logs.GetSnapshot());
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("", null)]
    [InlineData("Mars/Olympus_Mons", "Mars/Olympus_Mons")]
    public void An_unknown_zone_falls_back_to_UTC_with_a_warning(string? name, string? zoneNamed)
    {
        var logs = new FakeLogCollector();
        Assert.Equal(TimeZoneInfo.Utc, HaTimeZone.Resolve(name, new FakeLogger<HaTimeZoneTests>(logs)));
        var warning = Assert.Single(logs.GetSnapshot());
        Assert.Equal((LogLevel.Warning, zoneNamed), (warning.Level, warning.GetStructuredStateValue("Zone")));
    }
}

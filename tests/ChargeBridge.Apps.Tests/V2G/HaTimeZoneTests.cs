using ChargeBridge.Apps.V2G;
using ChargeBridge.Tests;

namespace ChargeBridge.Apps.Tests.V2G;

public class HaTimeZoneTests
{
    [Fact]
    public void The_zone_HA_is_configured_with_is_used()
    {
        var logs = new CapturingLoggerProvider();
        var zone = HaTimeZone.Resolve("Europe/Amsterdam", logs.For<HaTimeZoneTests>());
        Assert.Equal(TimeSpan.FromHours(2), zone.GetUtcOffset(new DateTimeOffset(2026, 7, 1, 12, 0, 0, TimeSpan.Zero)));
        Assert.Empty(logs.Lines);
    }

    [Theory]
    [InlineData(null, "reports no time zone")]
    [InlineData("", "reports no time zone")]
    [InlineData("Mars/Olympus_Mons", "'Mars/Olympus_Mons' is not known here")]
    public void An_unknown_zone_falls_back_to_UTC_with_a_warning(string? name, string warning)
    {
        var logs = new CapturingLoggerProvider();
        Assert.Equal(TimeZoneInfo.Utc, HaTimeZone.Resolve(name, logs.For<HaTimeZoneTests>()));
        Assert.Contains(warning, logs.AllText);
        Assert.Contains("using UTC", logs.AllText);
    }
}

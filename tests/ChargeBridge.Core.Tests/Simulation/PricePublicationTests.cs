using ChargeBridge.Core.Simulation;

namespace ChargeBridge.Core.Tests.Simulation;

public class PricePublicationTests
{
    private static readonly PricePublication Publication =
        PricePublication.DayAhead(TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam"));

    [Theory]
    [InlineData("2024-06-10T12:59:00+02:00", "2024-06-11T00:00:00+02:00")]
    [InlineData("2024-06-10T13:00:00+02:00", "2024-06-12T00:00:00+02:00")]
    [InlineData("2024-06-10T00:10:00+02:00", "2024-06-11T00:00:00+02:00")]
    [InlineData("2024-03-30T14:00:00+01:00", "2024-04-01T00:00:00+02:00")]
    [InlineData("2024-10-26T13:30:00+02:00", "2024-10-28T00:00:00+01:00")]
    public void Tomorrows_prices_are_known_from_13_local(string now, string knownUntil) =>
        Assert.Equal(DateTimeOffset.Parse(knownUntil), Publication.KnownUntil(DateTimeOffset.Parse(now)));
}

using ChargeBridge.FlexMeasures.Client;

namespace ChargeBridge.FlexMeasures.Tests;

public sealed class IsoDurationTests
{
    [Theory]
    [InlineData("PT45M", 45 * 60)]
    [InlineData("PT24H", 24 * 3600)]
    [InlineData("P0DT12H0M0S", 12 * 3600)]
    [InlineData("P1D", 24 * 3600)]
    [InlineData("PT1H30M", 90 * 60)]
    [InlineData("PT0.5S", 0.5)]
    [InlineData("PT0H", 0)]
    public void Reads_the_forms_FlexMeasures_and_its_clients_write(string text, double seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), IsoDuration.Parse(text));

    [Theory]
    [InlineData("P")]
    [InlineData("PT")]
    [InlineData("45 minutes")]
    [InlineData("P1M")]
    [InlineData("-PT5M")]
    public void Refuses_what_is_not_a_day_time_duration(string text) =>
        Assert.Throws<FormatException>(() => IsoDuration.Parse(text));

    [Theory]
    [InlineData(5 * 60, "PT5M")]
    [InlineData(27 * 3600, "PT27H")]
    [InlineData(3600 + 60 + 1, "PT1H1M1S")]
    public void Writes_hours_minutes_and_seconds(double seconds, string text) =>
        Assert.Equal(text, IsoDuration.Format(TimeSpan.FromSeconds(seconds)));
}

using ChargeBridge.Core.HomePower;

namespace ChargeBridge.Core.Tests.HomePower;

public class GridStatusReaderTests
{
    private static readonly BackupSettings Settings = new();

    [Theory]
    [InlineData(GridStatusSource.BinarySensor, "on", GridSignal.Up)]
    [InlineData(GridStatusSource.BinarySensor, "off", GridSignal.Down)]
    [InlineData(GridStatusSource.BinarySensor, "unavailable", GridSignal.Unknown)]
    [InlineData(GridStatusSource.BinarySensor, "unknown", GridSignal.Unknown)]
    [InlineData(GridStatusSource.BinarySensor, null, GridSignal.Unknown)]
    [InlineData(GridStatusSource.Voltage, "231.4", GridSignal.Up)]
    [InlineData(GridStatusSource.Voltage, "0", GridSignal.Down)]
    [InlineData(GridStatusSource.Voltage, "120", GridSignal.Down)]
    [InlineData(GridStatusSource.Voltage, "unavailable", GridSignal.Down)]
    [InlineData(GridStatusSource.Voltage, null, GridSignal.Down)]
    [InlineData(GridStatusSource.Voltage, "garbage", GridSignal.Unknown)]
    [InlineData(GridStatusSource.Frequency, "50.01", GridSignal.Up)]
    [InlineData(GridStatusSource.Frequency, "49.7", GridSignal.Up)]
    [InlineData(GridStatusSource.Frequency, "0", GridSignal.Down)]
    [InlineData(GridStatusSource.Frequency, "unavailable", GridSignal.Down)]
    [InlineData(GridStatusSource.Frequency, "60.2", GridSignal.Unknown)]
    [InlineData(GridStatusSource.Frequency, "NaN", GridSignal.Unknown)]
    public void A_state_reads_as_the_signal_it_stands_for(GridStatusSource source, string? state, GridSignal expected) =>
        Assert.Equal(expected, GridStatusReader.Classify(source, state, Settings));

    [Fact]
    public void A_binary_sensor_whose_up_state_is_off_reads_the_other_way_round()
    {
        var inverted = new BackupSettings { GridUpState = "off" };

        Assert.Equal(GridSignal.Up, GridStatusReader.Classify(GridStatusSource.BinarySensor, "off", inverted));
        Assert.Equal(GridSignal.Down, GridStatusReader.Classify(GridStatusSource.BinarySensor, "on", inverted));
    }
}

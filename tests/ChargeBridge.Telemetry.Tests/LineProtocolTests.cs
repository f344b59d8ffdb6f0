using System.Text;
using ChargeBridge.Core.Telemetry;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Telemetry.Tests;

public sealed class LineProtocolTests
{
    [Fact]
    public void A_sample_is_one_site_line_and_one_line_per_loadpoint_with_escaped_tags_and_ms_time()
    {
        var text = new StringBuilder();
        var sample = new TelemetrySample(new DateTimeOffset(2026, 3, 1, 12, 0, 0, 250, TimeSpan.Zero), Power.FromWatts(1234.5), null, null, Power.FromWatts(400),
            [new LoadpointSample("car 1,a=b\nx", Power.FromWatts(-3680), Power.FromWatts(-3700), null)]);

        Assert.Equal(2, LineProtocol.Append(text, sample));
        Assert.Equal(
            "chargebridge_site grid_w=1234.5,house_w=400 1772366400250\n" +
            "chargebridge_loadpoint,loadpoint=car\\ 1\\,a\\=b\\ x power_w=-3680,set_point_w=-3700 1772366400250\n",
            text.ToString());
    }

    [Fact]
    public void A_line_without_a_known_field_is_left_out_and_nan_is_no_field()
    {
        var text = new StringBuilder();
        var sample = new TelemetrySample(DateTimeOffset.UnixEpoch, null, null, Power.FromWatts(double.NaN), null,
            [new LoadpointSample("garage", Power.Zero, Power.Zero, new Percent(double.PositiveInfinity))]);

        Assert.Equal(1, LineProtocol.Append(text, sample));
        Assert.Equal("chargebridge_loadpoint,loadpoint=garage power_w=0,set_point_w=0 0\n", text.ToString());
    }
}

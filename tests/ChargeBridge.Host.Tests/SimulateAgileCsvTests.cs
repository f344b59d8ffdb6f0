using ChargeBridge.Host;

namespace ChargeBridge.Host.Tests;

public class SimulateAgileCsvTests
{
    [Fact]
    public void Rates_become_pounds_and_the_export_price_is_the_wholesale_price_behind_them()
    {
        // 13:00 UK (winter, UTC): 2.2 × 10 p × 1.05 = 23.1 p; 17:00 UK: (2.2 × 10 p + 12 p) × 1.05 = 35.7 p.
        var csv = "timestamp,price\n2023-01-10 13:00:00+00:00,23.1\n2023-01-10 17:00:00+00:00,35.7\n2023-07-02 12:00:00+00:00,-19.94\n";
        var (buy, sell) = SimulateAgileCsv.Read(new StringReader(csv), "agile.csv");

        var noon = new DateTimeOffset(2023, 1, 10, 13, 0, 0, TimeSpan.Zero);
        var peak = new DateTimeOffset(2023, 1, 10, 17, 0, 0, TimeSpan.Zero);
        Assert.Equal(0.231, buy.ValueAt(noon)!.Value.EurPerKwh, 9);
        Assert.Equal(0.10, sell.ValueAt(noon)!.Value.EurPerKwh, 9);
        Assert.Equal(0.10, sell.ValueAt(peak)!.Value.EurPerKwh, 9);
        Assert.Equal(TimeSpan.FromMinutes(30), buy.Resolution);
        // A negative import rate is a negative wholesale price: exporting then costs.
        Assert.True(sell.ValueAt(new DateTimeOffset(2023, 7, 2, 12, 0, 0, TimeSpan.Zero))!.Value.EurPerKwh < 0);
    }

    [Theory]
    [InlineData("start,price\n2023-01-10 13:00:00+00:00,23.1\n", "expected the header")]
    [InlineData("timestamp,price\n2023-01-10 13:00:00,23.1\n", "line 2")]
    [InlineData("timestamp,price\n2023-01-10 13:00:00+00:00,cheap\n", "line 2")]
    [InlineData("timestamp,price\n", "no rates")]
    public void Bad_files_are_refused_with_the_reason(string csv, string reason)
    {
        var error = Assert.Throws<FormatException>(() => SimulateAgileCsv.Read(new StringReader(csv), "agile.csv"));
        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void The_shared_agile_file_simulates_2023_in_uk_time_with_the_outgoing_style_export()
    {
        var year = SimulateYear.Load(SimulateYear.DataFile("uk_octopus_agile_J_south_eastern_england_2020_2024.csv"),
            SimulateYear.DataFile("ev_sessions_norway_residential_trondheim.csv"), null,
            new Core.Prices.Tariff(new Core.Units.EnergyPrice(0), 0), sellAtMarket: false, new Core.Units.EnergyPrice(0), year: 2023);

        Assert.Equal(365 * 48, year.Settings.BuyPrices.Points.Count);
        Assert.Equal(new DateTimeOffset(2023, 1, 1, 0, 0, 0, TimeSpan.Zero), year.Settings.BuyPrices.Points[0].Start);
        Assert.Equal("Europe/London", year.Settings.Publication.Zone.Id);
        Assert.All(year.Sessions, s => Assert.Equal(2023, s.Arrival.Year));
        Assert.True(year.Settings.SellPrices.Points.Average(p => p.Value.EurPerKwh) < year.Settings.BuyPrices.Points.Average(p => p.Value.EurPerKwh) / 2);
    }
}

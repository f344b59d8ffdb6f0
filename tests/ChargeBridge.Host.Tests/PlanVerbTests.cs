using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using ChargeBridge.Host;

namespace ChargeBridge.Host.Tests;

public sealed class PlanVerbTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("chargebridge-plan-");

    public void Dispose() => _dir.Delete(recursive: true);

    private string Csv(string content)
    {
        var path = Path.Combine(_dir.FullName, $"prices-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, content);
        return path;
    }

    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var root = new RootCommand { new PlanVerb().Create() };
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = root.Parse(["plan", .. args]).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary>Hourly prices for the spring DST day in Amsterdam (23 hours) and the day after, as a plan CSV.</summary>
    private string SpringDayCsv(bool withSell)
    {
        var text = new StringBuilder(withSell ? "start,price,sell_price\n" : "start,price\n");
        var t = new DateTimeOffset(2024, 3, 30, 23, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 48; i++, t = t.AddHours(1))
        {
            var local = TimeZoneInfo.ConvertTime(t, TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam"));
            var price = i % 24 < 6 ? -0.02 + i % 3 * 0.01 : 0.25 + i % 5 * 0.03;
            text.Append(CultureInfo.InvariantCulture, $"{local:yyyy-MM-ddTHH:mm:sszzz},{price}");
            if (withSell) text.Append(CultureInfo.InvariantCulture, $",{price - 0.05}");
            text.Append('\n');
        }
        return Csv(text.ToString());
    }

    [Fact]
    public void Writes_27_hours_of_5_minute_slots_as_json_within_the_limits_and_meeting_the_target()
    {
        var (exit, output, error) = Run("--prices", SpringDayCsv(withSell: false), "--start", "2024-03-31T00:00:00+01:00",
            "--hours", "27", "--soc", "30", "--capacity-kwh", "62", "--max-charge-w", "7400", "--max-discharge-w", "5000",
            "--min-soc", "20", "--max-soc", "80", "--efficiency", "85", "--target", "75@2024-03-31T18:00:00+02:00");

        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        var slots = json.RootElement.GetProperty("slots").EnumerateArray().ToList();
        Assert.Equal(27 * 12, slots.Count);
        Assert.True(json.RootElement.GetProperty("targets_met").GetBoolean());
        var starts = slots.Select(s => DateTimeOffset.Parse(s.GetProperty("start").GetString()!, CultureInfo.InvariantCulture)).ToList();
        Assert.All(starts.Zip(starts.Skip(1)), p => Assert.Equal(TimeSpan.FromMinutes(5), p.Second - p.First));
        Assert.All(slots, s => Assert.InRange(s.GetProperty("power_w").GetDouble(), -5000, 7400));
        Assert.All(slots, s => Assert.True(s.GetProperty("soc_pct").GetDouble() >= 20 - 1e-3));
        var atTarget = slots[starts.IndexOf(new DateTimeOffset(2024, 3, 31, 16, 0, 0, TimeSpan.Zero)) - 1];
        Assert.True(atTarget.GetProperty("soc_pct").GetDouble() >= 75 - 1e-3);
    }

    [Fact]
    public void Cost_is_buy_price_times_energy_drawn_minus_sell_price_times_energy_fed_back()
    {
        var csv = SpringDayCsv(withSell: true);
        var (exit, output, error) = Run("--prices", csv, "--start", "2024-03-30T23:00:00Z", "--hours", "24", "--soc", "50");
        Assert.True(exit == 0, error);

        var rows = File.ReadAllLines(csv).Skip(1).Select(l => l.Split(','))
            .ToDictionary(f => DateTimeOffset.Parse(f[0], CultureInfo.InvariantCulture).UtcDateTime,
                f => (Buy: double.Parse(f[1], CultureInfo.InvariantCulture), Sell: double.Parse(f[2], CultureInfo.InvariantCulture)));
        using var json = JsonDocument.Parse(output);
        var cost = 0.0;
        var discharged = false;
        foreach (var slot in json.RootElement.GetProperty("slots").EnumerateArray())
        {
            var start = DateTimeOffset.Parse(slot.GetProperty("start").GetString()!, CultureInfo.InvariantCulture).UtcDateTime;
            var hour = new DateTime(start.Year, start.Month, start.Day, start.Hour, 0, 0, DateTimeKind.Utc);
            var kwh = slot.GetProperty("power_w").GetDouble() / 1000 / 12;
            cost += kwh * (kwh >= 0 ? rows[hour].Buy : rows[hour].Sell);
            discharged |= kwh < 0;
        }
        Assert.True(discharged, "the price spread makes discharging pay");
        Assert.Equal(cost, json.RootElement.GetProperty("cost_eur").GetDouble(), 3);
    }

    [Fact]
    public void Reads_quarter_hour_prices()
    {
        var text = new StringBuilder("price,start\n");
        var t = new DateTimeOffset(2025, 10, 26, 0, 0, 0, TimeSpan.FromHours(2));
        for (var i = 0; i < 4 * 25; i++)
            text.Append(CultureInfo.InvariantCulture, $"{(i % 2 == 0 ? 0.05 : 0.3)},{t.AddMinutes(15 * i).ToUniversalTime():O}\n");
        var (exit, output, error) = Run("--prices", Csv(text.ToString()), "--start", "2025-10-26T00:00:00+02:00", "--soc", "50");

        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        var slots = json.RootElement.GetProperty("slots").EnumerateArray().ToList();
        Assert.Equal(25 * 12, slots.Count);
        Assert.True(slots[0].GetProperty("power_w").GetDouble() > 0, "charges in the cheap first quarter hour");
        Assert.True(slots[3].GetProperty("power_w").GetDouble() < 0, "discharges in the dear second one");
    }

    [Fact]
    public void An_unreachable_target_is_reported_and_not_met()
    {
        var (exit, output, error) = Run("--prices", SpringDayCsv(withSell: false), "--start", "2024-03-31T00:00:00+01:00",
            "--soc", "20", "--target", "90@2024-03-31T02:00:00+01:00");
        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        Assert.False(json.RootElement.GetProperty("targets_met").GetBoolean());
        Assert.Contains("cannot be met", error);
    }

    [Theory]
    [InlineData("--min-soc", "5", "--min-soc")]
    [InlineData("--max-soc", "99", "--max-soc")]
    [InlineData("--capacity-kwh", "500", "--capacity-kwh")]
    [InlineData("--efficiency", "40", "--efficiency")]
    [InlineData("--max-charge-w", "1000", "--max-charge-w")]
    public void An_out_of_range_setting_fails_naming_the_option(string option, string value, string named)
    {
        var (exit, _, error) = Run("--prices", SpringDayCsv(withSell: false), "--start", "2024-03-31T00:00:00+01:00", "--soc", "50", option, value);
        Assert.Equal(2, exit);
        Assert.Contains(named, error);
    }

    [Theory]
    [InlineData("start,price\n2024-03-31T00:00:00+01:00,abc\n", "line 2")]
    [InlineData("start,price\n2024-03-31T00:00:00,0.1\n", "offset")]
    [InlineData("when,price\n", "'start'")]
    [InlineData("start,price\n", "no price rows")]
    [InlineData("start,price,house_w\n2024-03-31T00:00:00+01:00,0.1,-5\n", "house_w '-5'")]
    public void A_malformed_price_file_fails_with_a_clear_error(string content, string expected)
    {
        var (exit, _, error) = Run("--prices", Csv(content), "--start", "2024-03-31T00:00:00+01:00", "--soc", "50");
        Assert.Equal(2, exit);
        Assert.Contains(expected, error);
    }

    [Fact]
    public void A_start_without_prices_fails_with_a_clear_error()
    {
        var (exit, _, error) = Run("--prices", SpringDayCsv(withSell: false), "--start", "2025-01-01T00:00:00Z", "--soc", "50");
        Assert.Equal(2, exit);
        Assert.Contains("no price at the start", error);
    }

    [Fact]
    public void A_malformed_target_fails_with_a_clear_error()
    {
        var (exit, _, error) = Run("--prices", SpringDayCsv(withSell: false), "--start", "2024-03-31T00:00:00+01:00", "--soc", "50", "--target", "80%tomorrow");
        Assert.Equal(2, exit);
        Assert.Contains("PCT@TIME", error);
    }

    [Fact]
    public void A_missing_hour_is_bridged_and_a_target_past_the_prices_is_planned_for_and_both_are_said()
    {
        var text = new StringBuilder("start,price\n");
        var t = new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 12; i++)
        {
            if (i != 5) text.Append(CultureInfo.InvariantCulture, $"{t.AddHours(i):O},0.2\n");
        }
        var (exit, output, error) = Run("--prices", Csv(text.ToString()), "--start", "2024-06-01T00:00:00Z", "--soc", "30",
            "--target", "80@2024-06-01T16:00:00Z");

        Assert.True(exit == 0, error);
        Assert.Contains("no price 2024-06-01T05:00:00.0000000+00:00 to 2024-06-01T06:00:00.0000000+00:00: bridged", error);
        Assert.Contains("no price from 2024-06-01T12:00:00.0000000+00:00: planned for the targets alone", error);
        Assert.DoesNotContain("cannot be met", error);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(16 * 12, json.RootElement.GetProperty("slots").GetArrayLength());
    }

    [Fact]
    public void With_house_and_pv_columns_prints_the_sites_grid_power_per_slot_and_soaks_the_surplus()
    {
        // Hourly: a 3 kW surplus at 10:00 (sold at 0.05), the house's 1 kW otherwise (bought at 0.30); one row lacks pv_w.
        var text = new StringBuilder("start,price,sell_price,house_w,pv_w\n");
        for (var h = 8; h < 12; h++)
            text.Append(CultureInfo.InvariantCulture, $"2024-06-01T{h:00}:00:00+02:00,0.30,0.05,1000,{(h == 10 ? "4000" : h == 11 ? "" : "0")}\n");
        var (exit, output, error) = Run("--prices", Csv(text.ToString()), "--start", "2024-06-01T08:00:00+02:00", "--hours", "4",
            "--soc", "54", "--capacity-kwh", "50", "--max-soc", "60", "--max-discharge-w", "0", "--efficiency", "100",
            "--target", "60@2024-06-01T12:00:00+02:00");

        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        var slots = json.RootElement.GetProperty("slots").EnumerateArray().ToList();
        Assert.Equal(4 * 12, slots.Count);
        var power = slots.Select(s => s.GetProperty("power_w").GetDouble()).ToList();
        var grid = slots.Select(s => s.GetProperty("grid_w").GetDouble()).ToList();
        // 3 kWh wanted: all from the surplus at 10:00, so the site neither buys for the car nor exports then.
        Assert.All(power.Skip(24).Take(12), p => Assert.Equal(3000, p, 6));
        Assert.All(grid.Skip(24).Take(12), g => Assert.Equal(0, g, 6));
        Assert.All(power.Take(24).Concat(power.Skip(36)), p => Assert.Equal(0, p, 6));
        Assert.All(grid.Take(24).Concat(grid.Skip(36)), g => Assert.Equal(1000, g, 6));
        Assert.Equal(3 * 0.05, json.RootElement.GetProperty("cost_eur").GetDouble(), 6);
        Assert.Equal(3 * 0.30, json.RootElement.GetProperty("site_cost_eur").GetDouble(), 6);
    }

    [Fact]
    public void Without_house_or_pv_columns_prints_no_grid_power()
    {
        var (exit, output, error) = Run("--prices", SpringDayCsv(withSell: true), "--start", "2024-03-31T00:00:00+01:00", "--hours", "2", "--soc", "50");
        Assert.True(exit == 0, error);
        Assert.DoesNotContain("grid_w", output);
        Assert.DoesNotContain("site_cost_eur", output);
    }
}

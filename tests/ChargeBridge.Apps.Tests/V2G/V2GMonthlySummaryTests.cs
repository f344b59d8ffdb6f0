using ChargeBridge.Apps.V2G.Statistics;
using ChargeBridge.Core.Notifications;
using ChargeBridge.Core.Wear;
using ChargeBridge.Tests;
using static ChargeBridge.Apps.Tests.V2G.RecordedNotifications;

namespace ChargeBridge.Apps.Tests.V2G;

/// <summary>The monthly money summary through the V2G app in virtual time: sent once on the 1st from 09:00, and not
/// again after a restart.</summary>
public sealed class V2GMonthlySummaryTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "chargebridge-monthly-" + Guid.NewGuid().ToString("N"));

    // January: 8 kWh to the grid for 2.40 EUR, 4 kWh to the house saving 1.20 EUR, 0.50 EUR against naive charging.
    private const string January = """
        {
          "Lifetime": { "Charged": { "KilowattHours": 0 }, "Discharged": { "KilowattHours": 12 }, "ChargingCostEur": 0, "DischargeRevenueEur": 3.6,
            "EmissionsKg": 0, "DischargedToHouse": { "KilowattHours": 4 }, "DischargedToGrid": { "KilowattHours": 8 },
            "V2gRevenueEur": 2.4, "V2hSavingsEur": 1.2, "SolarSavingsEur": 0 },
          "SavingsEur": 0.5,
          "Days": [ { "Day": "2026-01-10", "SavingsEur": 0.5, "Totals": { "Charged": { "KilowattHours": 0 }, "Discharged": { "KilowattHours": 12 },
            "ChargingCostEur": 0, "DischargeRevenueEur": 3.6, "EmissionsKg": 0, "DischargedToHouse": { "KilowattHours": 4 },
            "DischargedToGrid": { "KilowattHours": 8 }, "V2gRevenueEur": 2.4, "V2hSavingsEur": 1.2, "SolarSavingsEur": 0 } } ],
          "Session": null
        }
        """;

    private static readonly DateTimeOffset FirstOfFebruaryAtNine = new(2026, 2, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Last_month_is_summarised_once_on_the_first_from_nine_and_not_again_after_a_restart()
    {
        Directory.CreateDirectory(_folder);
        File.WriteAllText(Path.Combine(_folder, StatisticsStore.FileName), January);
        var options = new HarnessOptions(Folder: _folder, Wear: new BatteryWear { PackPriceEur = 8000 });

        await using (var v2g = await V2GHarness.StartAsync(50, options: options))
        {
            await v2g.StepAsync(FirstOfFebruaryAtNine - TimeSpan.FromMinutes(1) - v2g.Now);
            Assert.Empty(Pushes(v2g.Fake, NotificationTags.MonthlySummary));

            await v2g.StepAsync(TimeSpan.FromMinutes(2));
            await Wait.Until(() => Pushes(v2g.Fake, NotificationTags.MonthlySummary).Count > 0, "the monthly summary");
            var summary = Assert.Single(Pushes(v2g.Fake, NotificationTags.MonthlySummary));
            Assert.Equal("ChargeBridge in January 2026", summary["title"]!.ToString());
            var message = summary["message"]!.ToString();
            Assert.StartsWith("V2G revenue 2.40 EUR, V2H savings 1.20 EUR, solar savings 0.00 EUR, savings against naive charging 0.50 EUR: 4.10 EUR in all.", message);
            Assert.Contains("Battery wear of the 12.0 kWh fed back: ", message);
            Assert.DoesNotContain("fed back: 0.00 EUR", message);

            await v2g.StepAsync(TimeSpan.FromHours(1));
            Assert.Single(Pushes(v2g.Fake, NotificationTags.MonthlySummary));
        }

        await using (var restarted = await V2GHarness.StartAsync(50, options: options))
        {
            await restarted.StepAsync(FirstOfFebruaryAtNine + TimeSpan.FromHours(2) - restarted.Now);
            await restarted.StepAsync(TimeSpan.FromMinutes(1));
            Assert.Empty(Pushes(restarted.Fake, NotificationTags.MonthlySummary));
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }
}

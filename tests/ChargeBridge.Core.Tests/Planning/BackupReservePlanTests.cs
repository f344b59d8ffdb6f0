using ChargeBridge.Core.HomePower;
using ChargeBridge.Core.Planning;
using ChargeBridge.Core.Units;
using static ChargeBridge.Core.Tests.Planning.Scenarios;

namespace ChargeBridge.Core.Tests.Planning;

/// <summary>The backup reserve as the planner's floor (<see cref="BackupReserve.Apply"/>): V2G never sells it.</summary>
public class BackupReservePlanTests
{
    private readonly LocalPlanner _planner = new();

    [Fact]
    public void A_plan_sells_down_to_the_backup_reserve_and_no_further()
    {
        // Dear evening hours, cheap night after: without the reserve the plan sells down to min SoC (20 %).
        var request = Request(60, 0.6, 0.6, 0.6, 0.6, 0.1, 0.1, 0.1, 0.1);
        var plain = _planner.Plan(request);
        var reserved = _planner.Plan(request with { Settings = BackupReserve.Apply(request.Settings, new Percent(40)) });

        Assert.True(plain.Slots.Min(s => s.SocAtEnd.Value) < 40 - 1, "without the reserve the plan goes below 40 %");
        Assert.All(reserved.Slots, s => Assert.True(s.SocAtEnd.Value >= 40 - 1e-9, $"{s.SocAtEnd} at {s.Start}"));
        Assert.InRange(reserved.Slots.Min(s => s.SocAtEnd.Value), 40 - 1e-9, 41);
    }
}

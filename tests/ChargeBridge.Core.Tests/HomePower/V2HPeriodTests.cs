using ChargeBridge.Core.Control;
using ChargeBridge.Core.HomePower;
using ChargeBridge.Core.Planning;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Tests.HomePower;

public class V2HPeriodTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 2, 16, 0, 0, TimeSpan.FromHours(1));
    private static readonly SocTarget Trip = new(Now.AddHours(15), new Percent(80));

    /// <summary>Idle slots from now, the plan charging from <paramref name="chargeFromHours"/> on.</summary>
    private static Schedule Plan(double chargeFromHours) => new(
        [.. Enumerable.Range(0, 24).Select(h => new ScheduleSlot(Now.AddHours(h), TimeSpan.FromHours(1),
            h >= chargeFromHours ? Power.FromWatts(7400) : Power.Zero, new Percent(60), new Percent(60)))], 0, 0, 0, []);

    [Fact]
    public void The_next_calendar_target_ends_it()
    {
        Assert.Equal(Trip.At, V2HPeriod.End(ChargeMode.PowerTheHouse, null, [Trip, Trip with { At = Now.AddHours(40) }], Now));
        Assert.Null(V2HPeriod.End(ChargeMode.PowerTheHouse, null, [Trip with { At = Now.AddHours(-1) }], Now));
    }

    [Fact]
    public void In_automatic_the_plans_next_active_slot_ends_it_first()
    {
        Assert.Equal(Now.AddHours(10), V2HPeriod.End(ChargeMode.Automatic, Plan(10), [Trip], Now));
        // The target comes first, or the plan never charges.
        Assert.Equal(Trip.At, V2HPeriod.End(ChargeMode.Automatic, Plan(20), [Trip], Now));
        Assert.Equal(Trip.At, V2HPeriod.End(ChargeMode.Automatic, Plan(99), [Trip], Now));
        // A manual mode does not follow the plan.
        Assert.Equal(Trip.At, V2HPeriod.End(ChargeMode.PowerTheHouse, Plan(10), [Trip], Now));
    }

    [Fact]
    public void The_slot_under_way_does_not_end_it_and_without_plan_or_target_it_is_unknown()
    {
        Assert.Equal(Now.AddHours(1), V2HPeriod.End(ChargeMode.Automatic, Plan(0), [], Now.AddMinutes(30)));
        Assert.Null(V2HPeriod.End(ChargeMode.Automatic, Plan(99), [], Now));
        Assert.Null(V2HPeriod.End(ChargeMode.Automatic, null, [], Now));
    }
}

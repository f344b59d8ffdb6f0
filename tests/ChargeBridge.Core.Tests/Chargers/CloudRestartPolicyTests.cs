using ChargeBridge.Core.Chargers;

namespace ChargeBridge.Core.Tests.Chargers;

public class CloudRestartPolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);
    private static readonly CloudRestartPolicy Policy = new();

    private static CloudRestartInput Hung(int failedReads = 10) => new(Now, failedReads, ReachableOnNetwork: true, LastRestartAt: null,
        DischargingUnderControl: false, CloudConfigured: true);

    [Fact]
    public void Ten_failed_reads_in_a_row_on_a_charger_still_on_the_network_restart_it()
    {
        Assert.Equal(CloudRestartAction.Wait, Policy.Decide(Hung(9)).Action);
        Assert.Equal(new CloudRestartDecision(CloudRestartAction.Restart, CloudRestartReason.Hung, null), Policy.Decide(Hung(10)));
    }

    [Fact]
    public void A_charger_off_the_network_or_without_a_cloud_account_is_left_to_a_person()
    {
        Assert.Equal(CloudRestartReason.NotOnTheNetwork, Policy.Decide(Hung() with { ReachableOnNetwork = false }).Reason);
        Assert.Equal(CloudRestartReason.NoCloudAccount, Policy.Decide(Hung() with { CloudConfigured = false }).Reason);
    }

    [Theory]
    [InlineData(4, CloudRestartReason.Recovering, 5)]
    [InlineData(30, CloudRestartReason.CoolingDown, 60)]
    public void After_a_restart_it_waits_out_the_recovery_and_the_cooldown(int minutesAgo, CloudRestartReason reason, int untilMinutesAfterRestart)
    {
        var restarted = Now.AddMinutes(-minutesAgo);
        var decision = Policy.Decide(Hung(50) with { LastRestartAt = restarted });

        Assert.Equal((CloudRestartAction.Wait, reason, restarted.AddMinutes(untilMinutesAfterRestart)), (decision.Action, decision.Reason, decision.Until));
        Assert.Equal(CloudRestartAction.Restart, Policy.Decide(Hung(50) with { LastRestartAt = Now.AddMinutes(-61) }).Action);
    }

    [Fact]
    public void A_car_discharging_under_control_is_stopped_before_any_restart()
    {
        Assert.Equal(CloudRestartAction.StopFirst, Policy.Decide(Hung() with { DischargingUnderControl = true }).Action);
    }
}

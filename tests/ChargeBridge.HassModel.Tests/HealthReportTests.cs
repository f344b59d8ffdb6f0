using ChargeBridge.HassModel.Runtime;

namespace ChargeBridge.HassModel.Tests;

public class HealthReportTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);
    private static readonly AppStatus Running = new("v2g", AppState.Running);

    [Fact]
    public void Running_apps_on_a_live_connection_are_healthy()
    {
        var report = HealthReport.Of([Running], disconnectedSince: null, Now);

        Assert.True(report.Healthy);
        Assert.True(report.HomeAssistantConnected);
    }

    [Fact]
    public void A_failed_app_is_unhealthy_and_named()
    {
        var report = HealthReport.Of([Running, new AppStatus("mirror", AppState.Failed, "no such entity")], null, Now);

        Assert.False(report.Healthy);
        Assert.Contains("mirror", report.Reason);
        Assert.Contains("no such entity", report.Reason);
    }

    [Theory]
    [InlineData(9, true)]
    [InlineData(11, false)]
    public void A_lost_connection_is_healthy_while_it_reconnects_and_unhealthy_after_ten_minutes(int minutes, bool healthy)
    {
        var report = HealthReport.Of([Running], Now.AddMinutes(-minutes), Now);

        Assert.Equal(healthy, report.Healthy);
        Assert.False(report.HomeAssistantConnected);
    }
}

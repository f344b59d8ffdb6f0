using ChargeBridge.Devices.Quasar;
using static ChargeBridge.Devices.Tests.DriverHarness;

namespace ChargeBridge.Devices.Tests;

/// <summary>A Quasar whose Modbus module hangs, restarted through the (fake) Wallbox cloud by the driver, in virtual
/// time: the cloud's restart action restarts the simulator, as the real one power-cycles the charger.</summary>
public sealed class QuasarCloudRestartTests : IAsyncLifetime
{
    private const string Email = "owner@example.org";
    private const string Password = "wallbox-secret-9";
    private WallboxCloudFake _cloud = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _cloud = await WallboxCloudFake.StartAsync(Email, Password, "123456");
        _http = new HttpClient { BaseAddress = _cloud.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _cloud.DisposeAsync();
    }

    private async Task<DriverHarness> Start(string password = Password)
    {
        var h = await StartAsync(sim: o => o with { CarConnected = true },
            driver: o => o with { AcquireSocOnPlugIn = false, Cloud = new WallboxCloud(_http, Email, password) });
        _cloud.ActionTaken += action => { if (action == WallboxCloud.Restart) h.Sim.Restart(TimeSpan.Zero); };
        await h.StartPollingAsync();
        return h;
    }

    [Fact]
    public async Task After_ten_failed_reads_the_hung_charger_is_restarted_once_and_works_again()
    {
        await using var h = await Start();
        h.Sim.InjectFault(QuasarFault.Hang);
        var hungAt = h.Now;

        await h.RunUntilAsync(() => _cloud.Actions.Count > 0, TimeSpan.FromMinutes(10));
        await h.RunUntilAsync(() => h.Driver.Status is { Reachable: true, IsFaulted: false }, TimeSpan.FromMinutes(10));

        Assert.Equal([WallboxCloud.Restart], _cloud.Actions);
        Assert.True(h.Driver.Status is { Reachable: true, IsFaulted: false });
        Assert.Contains("restarted through the Wallbox cloud", (string)h.Driver.Details["cloud_restart"]!);
        Assert.True(h.Driver.Status.LastRestart is { Succeeded: true }, "the status carries the restart for the notification");
        // Ten failed polls, each a 3 s timeout and a 5 s pause, then the restart and the next poll.
        Assert.InRange(h.Now - hungAt, TimeSpan.FromSeconds(60), TimeSpan.FromMinutes(2));
    }

    [Fact]
    public async Task A_car_discharging_under_control_is_paused_through_the_cloud_before_the_restart()
    {
        await using var h = await Start();
        await h.Driver.SetPowerAsync(W(-3000));
        h.Sim.InjectFault(QuasarFault.Hang);

        await h.RunUntilAsync(() => _cloud.Actions.Count >= 2, TimeSpan.FromMinutes(10));

        Assert.Equal([WallboxCloud.Pause, WallboxCloud.Restart], _cloud.Actions);
    }

    [Fact]
    public async Task A_refused_sign_in_is_reported_without_the_password_and_not_tried_again_within_the_cooldown()
    {
        await using var h = await Start(password: "not-the-password-3");
        h.Sim.InjectFault(QuasarFault.Hang);

        await h.RunUntilAsync(() => h.Driver.Details.ContainsKey("cloud_restart"), TimeSpan.FromMinutes(10));
        var outcome = (string)h.Driver.Details["cloud_restart"]!;
        var firstTry = h.Now;
        await h.RunUntilAsync(() => _cloud.SignIns > 1, TimeSpan.FromMinutes(59));

        Assert.Contains("failed", outcome);
        Assert.DoesNotContain("not-the-password-3", outcome);
        Assert.Equal(1, _cloud.SignIns);
        Assert.True(h.Now - firstTry >= TimeSpan.FromMinutes(59), "the sign-in was tried again within the cooldown");
        // Once the hour is over, the next failed read tries again.
        await h.RunUntilAsync(() => _cloud.SignIns > 1, TimeSpan.FromMinutes(5));
        Assert.Equal(2, _cloud.SignIns);
        Assert.Empty(_cloud.Actions);
    }
}

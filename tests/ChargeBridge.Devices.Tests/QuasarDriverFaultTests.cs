using ChargeBridge.Core.Simulation;
using ChargeBridge.Devices.Quasar;
using ChargeBridge.Core.Chargers;
using static ChargeBridge.Devices.Tests.DriverHarness;

namespace ChargeBridge.Devices.Tests;

/// <summary>The driver against the failures users report, on the simulator and a virtual clock.</summary>
public sealed class QuasarDriverFaultTests
{
    private static Task<DriverHarness> Start(bool car = true) =>
        DriverHarness.StartAsync(sim: o => o with { CarConnected = car }, driver: o => o with { AcquireSocOnPlugIn = false });

    [Fact]
    public void The_documented_fault_bound_is_within_60_s()
    {
        var options = new QuasarDriverOptions { Host = "charger" };
        Assert.Equal(TimeSpan.FromSeconds(18), options.FaultBound);
        Assert.True(options.FaultBound <= TimeSpan.FromSeconds(60));
    }

    [Theory]
    [InlineData(30)]
    [InlineData(0)]
    [InlineData(70000)]
    public void An_idle_timeout_that_polling_cannot_keep_fed_is_refused(int seconds) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new QuasarDriver(new QuasarDriverOptions
        {
            Host = "charger", IdleTimeout = TimeSpan.FromSeconds(seconds),
        }));

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_hung_charger_is_reported_faulted_within_the_bound_and_recovers_by_itself(bool car)
    {
        await using var h = await Start(car);
        await h.StartPollingAsync();
        if (car) await h.Driver.SetPowerAsync(W(3000));
        await h.RunForAsync(TimeSpan.FromSeconds(7)); // the hang starts at an arbitrary point between polls
        var hungAt = h.Now;
        h.Sim.InjectFault(QuasarFault.Hang);

        await h.RunUntilAsync(() => h.Driver.Status.IsFaulted, TimeSpan.FromSeconds(60));
        var faulted = h.Driver.Status;
        Assert.True(faulted.IsFaulted);
        Assert.False(faulted.Reachable);
        Assert.Contains("no answer", faulted.FaultReason);
        Assert.InRange(h.Now - hungAt, TimeSpan.Zero, new QuasarDriverOptions { Host = "x" }.FaultBound);
        // with a car (5 s polls) one lost answer alone does not fault; without, the first failure comes 15 s after the last answer
        Assert.Equal(car, h.Statuses.Any(s => !s.Reachable && !s.IsFaulted));

        var probes = h.Sim.Requests;
        await h.RunForAsync(TimeSpan.FromMinutes(3));
        Assert.True(h.Sim.Requests - probes >= 5, "the driver keeps probing while the charger hangs");
        Assert.True(h.Driver.Status.IsFaulted);

        h.Sim.InjectFault(QuasarFault.None);
        await h.RunUntilAsync(() => h.Driver.Status.Reachable, TimeSpan.FromSeconds(30));
        await h.RunForAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(car ? ChargerState.Charging : ChargerState.NoCar, h.Driver.Status.State);
        Assert.Null(h.Driver.Status.FaultReason);
        if (car) Assert.Equal(3000, h.Sim.Snapshot().ActualPowerW);
    }

    [Theory]
    [InlineData(QuasarFault.EmptyReads, "byte count 0")]
    [InlineData(QuasarFault.ExceptionResponses, "ServerDeviceFailure")]
    [InlineData(QuasarFault.TruncatedResponses, "truncated")]
    public async Task Broken_answers_become_a_fault_status_never_an_exception(QuasarFault fault, string reason)
    {
        await using var h = await Start();
        await h.StartPollingAsync();
        h.Sim.InjectFault(fault);
        await h.RunUntilAsync(() => h.Driver.Status.IsFaulted, TimeSpan.FromSeconds(60));
        Assert.Contains(reason, h.Driver.Status.FaultReason);

        var command = await h.Driver.SetPowerAsync(W(2000));
        Assert.Equal(ChargerCommandError.Communication, command.Error);

        h.Sim.InjectFault(QuasarFault.None);
        await h.RunUntilAsync(() => h.Driver.Status.Reachable, TimeSpan.FromSeconds(30));
        Assert.Equal(ChargerState.Charging, (await h.Driver.RefreshAsync()).State);
    }

    [Fact]
    public async Task After_a_restart_with_errors_the_driver_takes_control_again_and_restores_its_set_point()
    {
        await using var h = await Start();
        await h.StartPollingAsync();
        await h.Driver.SetPowerAsync(W(-3000));
        await h.RunForAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(ChargerState.Discharging, h.Driver.Status.State);

        h.Sim.Restart(TimeSpan.FromMinutes(5));
        await h.RunForAsync(TimeSpan.FromSeconds(5));
        Assert.True(h.Driver.Status.IsFaulted);
        Assert.True(h.Driver.Status.Reachable);
        Assert.Contains("state 7", h.Driver.Status.FaultReason);

        await h.RunForAsync(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(15));
        var sim = h.Sim.Snapshot();
        Assert.True(sim.RemoteControl);
        Assert.Equal(-3000, sim.ActualPowerW);
        Assert.Equal(ChargerState.Discharging, h.Driver.Status.State);
    }

    [Fact]
    public async Task No_set_point_outside_the_limits_is_ever_written()
    {
        await using var h = await DriverHarness.StartAsync(driver: o => o with { MaxChargePower = W(4000), MaxDischargePower = W(2500) });
        await h.StartPollingAsync();
        var random = new Random(7);
        var refused = 0;
        for (var i = 0; i < 300; i++)
        {
            var watts = random.Next(-12000, 12000);
            var result = await h.Driver.SetPowerAsync(W(watts));
            if (watts is > 4000 or < -2500) Assert.Equal(ChargerCommandError.OutOfLimits, result.Error);
            else Assert.True(result.Succeeded, result.Reason);
            if (!result.Succeeded) refused++;
            if (i % 10 == 0) await h.RunForAsync(TimeSpan.FromSeconds(5));
        }
        Assert.InRange(refused, 100, 250);
        Assert.NotEmpty(h.Sim.PowerSetPointWrites);
        Assert.All(h.Sim.PowerSetPointWrites, w => Assert.InRange(w, -2500, 4000));
        Assert.Equal(ChargerCommandError.OutOfLimits, (await h.Driver.SetPowerAsync(W(double.NaN))).Error);
    }

    [Fact]
    public async Task An_unreachable_charger_is_faulted_at_the_first_failure_and_commands_report_it()
    {
        await using var driver = new QuasarDriver(new QuasarDriverOptions
        {
            Host = "127.0.0.1", Port = ChargeBridge.Tests.ClosedPort.Next(), Clock = new VirtualClock(),
        });
        var status = await driver.RefreshAsync();
        Assert.True(status.IsFaulted);
        Assert.False(status.Reachable);
        Assert.Contains("cannot connect", status.FaultReason);
        Assert.Equal(ChargerCommandError.Communication, (await driver.SetPowerAsync(W(1000))).Error);
    }
}

using System.Diagnostics;
using ChargeBridge.Core.Meters;
using ChargeBridge.Devices.Registry;
using ChargeBridge.Devices.Shelly;
using ChargeBridge.Tests;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Logging;

namespace ChargeBridge.Devices.Tests.Shelly;

/// <summary>Device trouble of every kind gives a failed reading that keeps the last good value; nothing throws but the
/// caller's cancellation.</summary>
public sealed class ShellyFaultTests : ShellyTwinFixture
{
    private static readonly ShellyModel[] Models = [ShellyModel.Gen1Em, ShellyModel.Pro3Em, ShellyModel.ProEm];

    public static TheoryData<ShellyModel, ShellyFault, string> Faults()
    {
        var data = new TheoryData<ShellyModel, ShellyFault, string>();
        foreach (var model in Models)
        {
            data.Add(model, ShellyFault.ServerError, "HTTP 500");
            data.Add(model, ShellyFault.MalformedJson, "not valid JSON");
            data.Add(model, ShellyFault.UnexpectedJson, "the answer has no");
            data.Add(model, ShellyFault.Refuse, "cannot connect");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task A_fault_fails_the_reading_and_keeps_the_last_good_value(ShellyModel model, ShellyFault fault, string problem)
    {
        var twin = await Twin(model);
        twin.SetPower(1234);
        var meter = Meter(twin);
        var good = await meter.RefreshAsync();
        Assert.Null(good.Problem);

        await twin.SetFaultAsync(fault);
        Time.Advance(TimeSpan.FromSeconds(3));
        var failed = await meter.RefreshAsync();

        Assert.Contains(problem, failed.Problem);
        Assert.Equal(1234, failed.Power!.Value.Watts, 9);
        Assert.Equal(good.At, failed.At);
        Assert.Equal(Time.GetUtcNow(), failed.AttemptedAt);
        Assert.Same(failed, meter.Reading);

        await twin.SetFaultAsync(ShellyFault.None);
        twin.SetPower(-50);
        var again = await meter.RefreshAsync();
        Assert.Null(again.Problem);
        Assert.Equal(-50, again.Power!.Value.Watts, 9);
    }

    [Theory]
    [InlineData(ShellyModel.Gen1Em)]
    [InlineData(ShellyModel.Pro3Em)]
    [InlineData(ShellyModel.ProEm)]
    public async Task A_hung_device_times_out_on_the_meters_clock(ShellyModel model)
    {
        var twin = await Twin(model);
        twin.SetPower(800);
        var meter = Meter(twin, ("TimeoutS", "1"));
        await meter.RefreshAsync();
        await twin.SetFaultAsync(ShellyFault.Hang);

        var requests = twin.Requests;
        var refresh = meter.RefreshAsync();
        await Wait.Until(() => twin.Requests > requests, "the hung request to arrive");
        Assert.False(refresh.IsCompleted);
        Time.Advance(TimeSpan.FromSeconds(1));
        var failed = await refresh.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Contains("no answer within 1 s", failed.Problem);
        Assert.Equal(800, failed.Power!.Value.Watts, 9);
    }

    [Fact]
    public async Task A_hung_device_times_out_on_the_real_clock_too()
    {
        await using var twin = await ShellySimulator.StartAsync(ShellyModel.Pro3Em);
        await twin.SetFaultAsync(ShellyFault.Hang);
        using var meter = new ShellyPro3EmMeter(new ShellyOptions { Host = "127.0.0.1", Port = twin.Port, Timeout = TimeSpan.FromSeconds(1) },
            new DeviceContext(TimeProvider.System));
        var watch = Stopwatch.StartNew();
        var failed = await meter.RefreshAsync();
        Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(5));
        Assert.Contains("no answer within 1 s", failed.Problem);
        Assert.Null(failed.Power);
    }

    [Fact]
    public async Task The_callers_cancellation_throws()
    {
        var twin = await Twin(ShellyModel.ProEm);
        await twin.SetFaultAsync(ShellyFault.Hang);
        var meter = Meter(twin);
        using var cancel = new CancellationTokenSource();
        var requests = twin.Requests;
        var refresh = meter.RefreshAsync(cancel.Token);
        await Wait.Until(() => twin.Requests > requests, "the hung request to arrive");
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => refresh);
    }

    [Fact]
    public async Task A_port_nobody_listens_on_fails_without_throwing()
    {
        var reading = await Meter(ShellyPro3EmType.TypeName, ClosedPort.Next(), null).RefreshAsync();
        Assert.Contains("cannot connect", reading.Problem);
        Assert.Equal(MeterHealth.Unknown, reading.HealthAt(Time.GetUtcNow(), TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public async Task A_type_pointed_at_another_model_fails_with_404()
    {
        var twin = await Twin(ShellyModel.Pro3Em);
        var reading = await Meter(ShellyProEmType.TypeName, twin.Port, null).RefreshAsync();
        Assert.Contains("HTTP 404", reading.Problem);
        Assert.Contains("Type", reading.Problem);
        Assert.Contains("HTTP 404", (await Meter(ShellyGen1Type.TypeName, twin.Port, null).RefreshAsync()).Problem);
    }

    [Fact]
    public async Task Health_goes_ok_then_degraded_then_stale()
    {
        var staleAfter = TimeSpan.FromSeconds(30);
        var twin = await Twin(ShellyModel.Pro3Em);
        var meter = Meter(twin);
        Assert.Equal(MeterHealth.Unknown, meter.Reading.HealthAt(Time.GetUtcNow(), staleAfter));

        Assert.Equal(MeterHealth.Ok, (await meter.RefreshAsync()).HealthAt(Time.GetUtcNow(), staleAfter));

        await twin.SetFaultAsync(ShellyFault.ServerError);
        Time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(MeterHealth.Degraded, (await meter.RefreshAsync()).HealthAt(Time.GetUtcNow(), staleAfter));

        Time.Advance(TimeSpan.FromSeconds(25));
        Assert.Equal(MeterHealth.Stale, (await meter.RefreshAsync()).HealthAt(Time.GetUtcNow(), staleAfter));

        await twin.SetFaultAsync(ShellyFault.None);
        Assert.Equal(MeterHealth.Ok, (await meter.RefreshAsync()).HealthAt(Time.GetUtcNow(), staleAfter));
    }

    [Theory]
    [InlineData(ShellyModel.Gen1Em)]
    [InlineData(ShellyModel.Pro3Em)]
    [InlineData(ShellyModel.ProEm)]
    public async Task The_right_login_reads_and_a_wrong_or_missing_one_fails_with_401(ShellyModel model)
    {
        const string password = "Tr0ub4dor&3";
        const string wrong = "hunter2-wrong";
        var twin = await Twin(model, password);
        twin.SetPower(420);
        using var logs = new FakeLoggerProvider();
        using var logging = new LoggerFactory([logs]);

        var right = await Meter(TypeName(model), twin.Port, logging, ("Password", password)).RefreshAsync();
        Assert.Null(right.Problem);
        Assert.Equal(420, right.Power!.Value.Watts, 9);

        var wrongMeter = Meter(TypeName(model), twin.Port, logging, ("Username", "admin"), ("Password", wrong));
        var refused = await wrongMeter.RefreshAsync();
        Assert.Contains("HTTP 401", refused.Problem);
        Assert.Contains("refused the Username or Password", refused.Problem);
        Assert.Null(refused.Power);

        var missing = await Meter(TypeName(model), twin.Port, logging).RefreshAsync();
        Assert.Contains("set Username and Password", missing.Problem);

        var said = string.Join("\n", [refused.Problem, missing.Problem, wrongMeter.ToString(),
            .. logs.Collector.GetSnapshot().Select(r => r.Message), .. ((IDescribedDevice)wrongMeter).Details.Values.Select(v => v?.ToString())]);
        Assert.Contains("cannot be read", said); // the log was written, so the check below looks at something
        Assert.DoesNotContain(password, said);
        Assert.DoesNotContain(wrong, said);
    }
}

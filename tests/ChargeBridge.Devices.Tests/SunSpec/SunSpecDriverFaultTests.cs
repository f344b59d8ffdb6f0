using ChargeBridge.Core.Meters;
using ChargeBridge.Core.Units;
using ChargeBridge.Devices.SunSpec;
using ChargeBridge.Tests;
using Microsoft.Extensions.Time.Testing;

namespace ChargeBridge.Devices.Tests.SunSpec;

/// <summary>Device trouble turns into failed readings that keep the last good value; it never throws.</summary>
public sealed class SunSpecDriverFaultTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));
    private SunSpecSimulator _twin = null!;
    private SunSpecDriver _driver = null!;

    public Task InitializeAsync()
    {
        _twin = SunSpecSimulator.Start();
        _twin.SetInverter(SunSpecInverterValues.Idle with { Power = Power.FromWatts(2500) });
        _driver = Driver(_twin.Endpoint.Port);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _driver.DisposeAsync();
        await _twin.DisposeAsync();
    }

    private SunSpecDriver Driver(int port, SunSpecModelChoice model = SunSpecModelChoice.Auto) => new(new SunSpecDriverOptions
    {
        Host = "127.0.0.1", Port = port, Model = model, Clock = _clock, RequestTimeout = Timeout,
    });

    private async Task<MeterReading> GoodReadingAsync()
    {
        var good = await _driver.RefreshAsync();
        Assert.Null(good.Problem);
        Assert.Equal(-2500, good.Power!.Value.Watts);
        return good;
    }

    private static void AssertKept(MeterReading good, MeterReading failed, DateTimeOffset attemptedAt, string problem)
    {
        Assert.Equal(good.Power, failed.Power);
        Assert.Equal(good.At, failed.At);
        Assert.Equal(attemptedAt, failed.AttemptedAt);
        Assert.Contains(problem, failed.Problem);
    }

    [Fact]
    public async Task A_hung_device_times_out_on_the_clock_keeps_the_last_value_and_is_read_again_when_it_answers()
    {
        var good = await GoodReadingAsync();
        _clock.Advance(TimeSpan.FromSeconds(5));
        _twin.InjectFault(SunSpecFault.Hang);

        var pending = _driver.RefreshAsync();
        await Wait.Until(() => _twin.UnansweredRequests > 0, "the request to reach the hung twin");
        _clock.Advance(Timeout);
        var failed = await pending;
        AssertKept(good, failed, _clock.GetUtcNow(), "no answer");
        Assert.Equal(MeterHealth.Degraded, failed.HealthAt(_clock.GetUtcNow(), TimeSpan.FromSeconds(30)));

        _twin.InjectFault(SunSpecFault.None);
        _clock.Advance(TimeSpan.FromSeconds(1)); // the client's reconnect backoff
        var again = await _driver.RefreshAsync();
        Assert.Null(again.Problem);
        Assert.Equal(_clock.GetUtcNow(), again.At);
    }

    [Fact]
    public async Task Modbus_exception_responses_are_a_problem_and_the_next_good_answer_clears_it()
    {
        var good = await GoodReadingAsync();
        _twin.InjectFault(SunSpecFault.ExceptionResponses);
        AssertKept(good, await _driver.RefreshAsync(), _clock.GetUtcNow(), "ServerDeviceFailure");

        _twin.InjectFault(SunSpecFault.None);
        Assert.Null((await _driver.RefreshAsync()).Problem);
    }

    [Fact]
    public async Task A_device_whose_SunS_marker_is_gone_when_the_map_is_looked_for_again_is_a_problem()
    {
        var good = await GoodReadingAsync();
        _twin.InjectFault(SunSpecFault.ExceptionResponses); // a failure makes the driver look for the map again
        await _driver.RefreshAsync();
        _twin.InjectFault(SunSpecFault.NoMarker);
        AssertKept(good, await _driver.RefreshAsync(), _clock.GetUtcNow(), "no SunSpec marker 'SunS' at register 40000, 0, 50000");
    }

    [Fact]
    public async Task A_refused_connection_before_any_value_is_a_problem_without_a_value()
    {
        await using var driver = Driver(ClosedPort.Next());
        var reading = await driver.RefreshAsync();
        Assert.Null(reading.Power);
        Assert.Contains("cannot connect", reading.Problem);
        Assert.Equal(MeterHealth.Unknown, reading.HealthAt(_clock.GetUtcNow(), TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task A_device_without_the_chosen_model_names_the_models_it_has()
    {
        await using var driver = Driver(_twin.Endpoint.Port, SunSpecModelChoice.Meter);
        var reading = await driver.RefreshAsync();
        Assert.Null(reading.Power);
        Assert.Contains("no meter model 201-204", reading.Problem);
        Assert.Contains("models found: 1, 103", reading.Problem);
    }

    [Fact]
    public async Task Only_the_callers_cancellation_throws()
    {
        await GoodReadingAsync();
        _twin.InjectFault(SunSpecFault.Hang);
        using var cancel = new CancellationTokenSource();
        var pending = _driver.RefreshAsync(cancel.Token);
        await Wait.Until(() => _twin.UnansweredRequests > 0, "the request to reach the hung twin");
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending);
    }

    [Fact]
    public async Task After_the_device_restarts_with_another_map_the_chain_is_found_again()
    {
        var good = await GoodReadingAsync();
        var port = _twin.Endpoint.Port;
        await _twin.DisposeAsync();
        _clock.Advance(TimeSpan.FromSeconds(5));
        AssertKept(good, await _driver.RefreshAsync(), _clock.GetUtcNow(), "");

        // The restarted device has a vendor model first, so the inverter block sits 22 registers further on.
        _twin = SunSpecSimulator.Start(new SunSpecSimulatorOptions { OtherModels = [(64, 20)] }, port);
        _twin.SetInverter(SunSpecInverterValues.Idle with { Power = Power.FromWatts(3100) });
        _clock.Advance(TimeSpan.FromSeconds(1)); // the client's reconnect backoff
        var again = await _driver.RefreshAsync();

        Assert.Null(again.Problem);
        Assert.Equal(-3100, again.Power!.Value.Watts);
    }
}

using ChargeBridge.Core.Control;
using ChargeBridge.Core.Tests.Fakes;
using ChargeBridge.Core.Units;
using Microsoft.Extensions.Time.Testing;

namespace ChargeBridge.Core.Tests.Control;

public sealed class ChargerCommanderTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 15, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task A_command_goes_out_once_and_a_refused_one_is_tried_again_on_the_next_step()
    {
        var charger = new FakeCharger(_time);
        var commander = new ChargerCommander(charger);
        var charge = ChargerCommand.Set(Power.FromWatts(7400));

        Assert.True((await commander.SendAsync(charge, true, default))!.Succeeded);
        Assert.Null(await commander.SendAsync(charge, true, default));
        Assert.Equal([Power.FromWatts(7400)], charger.Commands);

        charger.RefuseWith = "no answer";
        Assert.False((await commander.SendAsync(ChargerCommand.Stop, true, default))!.Succeeded);
        Assert.Null(commander.Taken);
        charger.RefuseWith = null;
        Assert.True((await commander.SendAsync(ChargerCommand.Stop, true, default))!.Succeeded);
        Assert.Equal([Power.FromWatts(7400), Power.Zero, Power.Zero], charger.Commands);
    }

    [Fact]
    public async Task Stops_wait_for_a_car_and_are_said_again_to_the_next_one()
    {
        var charger = new FakeCharger(_time);
        var commander = new ChargerCommander(charger);
        Assert.Null(await commander.SendAsync(ChargerCommand.Stop, false, default));
        Assert.NotNull(await commander.SendAsync(ChargerCommand.Stop, true, default));
        Assert.Null(await commander.SendAsync(ChargerCommand.Stop, true, default));
        // The car leaves and the next one arrives: the charger is as the driver left it, so the stop goes out again.
        Assert.Null(await commander.SendAsync(ChargerCommand.Stop, false, default));
        Assert.NotNull(await commander.SendAsync(ChargerCommand.Stop, true, default));
        Assert.Equal([Power.Zero, Power.Zero], charger.Commands);
    }

    [Fact]
    public async Task Handing_back_stops_and_releases_unless_the_charger_was_released_already()
    {
        var charger = new FakeCharger(_time);
        var commander = new ChargerCommander(charger);
        await commander.SendAsync(ChargerCommand.Set(Power.FromWatts(-3700)), true, default);
        Assert.True((await commander.HandBackAsync(default))!.Succeeded);
        Assert.Equal([Power.FromWatts(-3700), Power.Zero, null], charger.Commands);
        Assert.Null(await commander.HandBackAsync(default));
        Assert.Equal(3, charger.Commands.Count);
    }

    [Fact]
    public async Task A_charger_that_hangs_on_shutdown_holds_it_up_only_as_long_as_the_caller_allows()
    {
        var charger = new FakeCharger(_time) { Hangs = true };
        var commander = new ChargerCommander(charger);
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(5), _time);
        var handBack = commander.HandBackAsync(bound.Token);
        _time.Advance(TimeSpan.FromSeconds(4.9));
        Assert.False(handBack.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(0.1));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => handBack);
        Assert.Empty(charger.Commands);
    }
}

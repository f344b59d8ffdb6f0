using ChargeBridge.Core.Simulation;
using ChargeBridge.Tests;

namespace ChargeBridge.Apps.Tests.HomePower;

/// <summary>
/// Moves a site's <see cref="VirtualClock"/> from one timer to the next and waits after each until what the timer started
/// over real sockets (Modbus polls and commands, meter reads, HA publishing) is done. Jumping past a request in flight
/// would let its timeout, on the same clock, fire at once. Done means: nothing <paramref name="busy"/>, every periodic
/// timer armed again (a poll re-arms its wait only when it ends; a request holds a timeout in its place while it runs)
/// and no request for a few checks in a row.
/// </summary>
internal sealed class SiteClock(VirtualClock clock, Func<bool> busy, Func<int> requests)
{
    private const int QuietChecks = 3;
    private int _armed;

    public VirtualClock Clock { get; } = clock;
    public DateTimeOffset Now => Clock.GetUtcNow();

    /// <summary>Takes the number of timers pending now, once the site has started and settled, as the count of its
    /// periodic timers.</summary>
    public async Task CalibrateAsync()
    {
        _armed = 0;
        await QuietAsync(Now);
        _armed = Clock.PendingDue.Count;
    }

    /// <summary>Runs virtual time by <paramref name="by"/>, calling <paramref name="after"/> once the site is quiet after each timer.</summary>
    public async Task RunAsync(TimeSpan by, Action? after = null)
    {
        var target = Now + by;
        do
        {
            var next = Clock.NextDue is { } due && due < target ? due : target;
            Clock.AdvanceTo(next);
            await QuietAsync(next);
            after?.Invoke();
        }
        while (Now < target);
    }

    /// <summary>Waits, without moving the clock, until the site is quiet.</summary>
    public Task QuietAsync(DateTimeOffset at)
    {
        var (quiet, seen) = (0, -1);
        return Wait.Until(() =>
        {
            var count = requests();
            var settled = !busy() && Clock.PendingDue.Count >= _armed && count == seen;
            quiet = settled ? quiet + 1 : 0;
            seen = count;
            return quiet >= QuietChecks;
        }, $"the site to settle at {at:O}");
    }
}

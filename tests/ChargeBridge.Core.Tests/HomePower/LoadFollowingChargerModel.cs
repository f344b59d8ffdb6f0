using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Tests.HomePower;

/// <summary>
/// A tiny charger for load-following tests: a command takes effect after a reaction delay, then the delivered power
/// ramps towards it at a fixed rate (a Quasar-like charger needs a couple of seconds and ramps about 1 kW/s).
/// </summary>
internal sealed class LoadFollowingChargerModel(TimeSpan reactionDelay, double rampWattsPerSecond)
{
    private Power _pending;
    private DateTimeOffset? _pendingFrom;
    private Power _target;

    public Power Delivered { get; private set; }

    public void Command(Power setPoint, DateTimeOffset at) => (_pending, _pendingFrom) = (setPoint, at + reactionDelay);

    /// <summary>Moves the delivered power over <paramref name="elapsed"/> ending at <paramref name="now"/>.</summary>
    public void Advance(DateTimeOffset now, TimeSpan elapsed)
    {
        if (_pendingFrom is { } from && now >= from) (_target, _pendingFrom) = (_pending, null);
        var maxMove = rampWattsPerSecond * elapsed.TotalSeconds;
        Delivered += (_target - Delivered).Clamp(Power.FromWatts(-maxMove), Power.FromWatts(maxMove));
    }
}

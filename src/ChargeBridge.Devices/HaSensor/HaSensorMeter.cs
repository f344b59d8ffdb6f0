using ChargeBridge.Core.Units;
using ChargeBridge.Core.Meters;
using ChargeBridge.HassModel;

namespace ChargeBridge.Devices.HaSensor;

/// <summary>
/// A power meter read from one Home Assistant sensor (a P1 dongle, an inverter, a clamp meter HA integrates). The
/// reading's time is when HA last updated the sensor, so a sensor HA stopped updating turns stale by its age rather
/// than looking fresh on every read. Entity trouble (missing, unknown, unavailable, not a number) keeps the last value
/// and reports the problem.
/// </summary>
public sealed class HaSensorMeter(HaSensorOptions options, IHaContext ha) : IMeter
{
    private readonly object _lock = new();
    private MeterReading _reading = MeterReading.None;

    public MeterReading Reading
    {
        get { lock (_lock) return _reading; }
    }

    /// <summary>Reads the sensor's current state from the runtime's cache of HA's states.</summary>
    public Task<MeterReading> RefreshAsync(CancellationToken ct = default)
    {
        var now = options.Clock.GetUtcNow();
        var state = ha.GetState(options.Entity);
        lock (_lock)
        {
            if (SensorPower.Read(state, options.Unit, out var problem) is { } power)
            {
                var at = state!.LastUpdated ?? state.LastChanged ?? now;
                // A clock of HA's ahead of ours must not make a reading look younger than now.
                _reading = MeterReading.Read(at < now ? at : now, options.Invert ? Power.Zero - power : power);
            }
            else
            {
                _reading = _reading.Failed(now, problem!);
            }
            return Task.FromResult(_reading);
        }
    }
}

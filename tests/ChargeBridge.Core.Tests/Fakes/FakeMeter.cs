using ChargeBridge.Core.Meters;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Tests.Fakes;

/// <summary>A meter in memory: each read takes <see cref="Next"/> (a power, or a failure) at the clock's time, as a
/// driver keeping the last good value would.</summary>
internal sealed class FakeMeter(TimeProvider time) : IMeter
{
    public MeterReading Reading { get; private set; } = MeterReading.None;

    /// <summary>What the next read gives: a power, or the failure's text.</summary>
    public (Power? Power, string? Failure) Next { get; set; }

    /// <summary>Set: the read throws this (breaking the IMeter contract, which the site must survive).</summary>
    public Exception? Throws { get; set; }

    public int Reads { get; private set; }

    public Task<MeterReading> RefreshAsync(CancellationToken ct = default)
    {
        Reads++;
        if (Throws is { } e) throw e;
        var now = time.GetUtcNow();
        Reading = Next.Power is { } power ? MeterReading.Read(now, power) : Reading.Failed(now, Next.Failure ?? "no answer");
        return Task.FromResult(Reading);
    }
}

using ChargeBridge.Core.Statistics;
using ChargeBridge.FlexMeasures.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChargeBridge.FlexMeasures.Outbox;

/// <summary>The FlexMeasures sensors that receive the charger's measurements.</summary>
public sealed record MeasurementSensors(int Power, int Soc, int Availability);

/// <summary>
/// Sends the outbox to FlexMeasures every hour: per sensor, contiguous blocks of 5-minute values, oldest first, at
/// most a day per request. A block is marked sent only after a 2xx; the first failure ends the round and the rest
/// waits for the next hour. Posts carry horizon PT0H, so the belief time of each value is fixed (its interval's
/// end) and a block re-sent after a lost answer is recognised by FlexMeasures instead of stored twice.
/// </summary>
public sealed class MeasurementUploader(MeasurementOutbox outbox, FlexMeasuresClient client, MeasurementSensors sensors, TimeProvider time, ILogger? logger = null)
{
    public const int MaxBlock = 288;
    private readonly ILogger _log = logger ?? NullLogger.Instance;

    /// <summary>Sends all it can now; returns the number of values the server accepted.</summary>
    public async Task<int> FlushAsync(CancellationToken ct)
    {
        var accepted = 0;
        foreach (var (kind, sensor, unit) in new[]
                 {
                     (MeasurementKind.Power, sensors.Power, "MW"), (MeasurementKind.Soc, sensors.Soc, "%"),
                     (MeasurementKind.Availability, sensors.Availability, "%"),
                 })
        {
            while (Block(outbox.Pending(kind, MaxBlock)) is { Count: > 0 } block)
            {
                var series = new SensorSeries(block[0].Start, MeasurementAggregator.Interval, block.Select(b => (double?)b.Value).ToList(), unit);
                try
                {
                    await client.PostSensorDataAsync(sensor, series, TimeSpan.Zero, ct);
                }
                catch (FlexMeasuresException e)
                {
                    _log.LogWarning("FlexMeasures did not take {Count} {Kind} values from {Start:O}; they wait for the next round: {Error}",
                        block.Count, kind, block[0].Start, e.Message);
                    return accepted;
                }
                outbox.MarkSent(kind, series.Start, series.Start + series.Duration);
                accepted += block.Count;
            }
        }
        return accepted;
    }

    /// <summary>Flushes at every full hour until cancelled.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var now = time.GetUtcNow();
            var nextHour = new DateTimeOffset(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerHour, TimeSpan.Zero).AddHours(1);
            await Task.Delay(nextHour - now, time, ct);
            try
            {
                var sent = await FlushAsync(ct);
                _log.LogInformation("Sent {Count} measurement values to FlexMeasures; {Waiting} intervals still waiting", sent, outbox.Count());
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A local fault (the database file, say) must not end the hourly rounds; the data stays where it is.
                _log.LogError(e, "Sending measurements to FlexMeasures failed; trying again in an hour");
            }
        }
    }

    /// <summary>The leading run of back-to-back intervals: a gap ends the block, since a post covers one equidistant span.</summary>
    private static List<(DateTimeOffset Start, double Value)> Block(IReadOnlyList<(DateTimeOffset Start, double Value)> pending)
    {
        var block = pending.Take(1).ToList();
        foreach (var row in pending.Skip(1))
        {
            if (row.Start != block[^1].Start + MeasurementAggregator.Interval) break;
            block.Add(row);
        }
        return block;
    }
}

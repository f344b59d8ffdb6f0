using ChargeBridge.Core.Statistics;

namespace ChargeBridge.FlexMeasures.Outbox;

/// <summary>Feeds charger samples through the 5-minute averaging into the durable outbox.</summary>
public sealed class MeasurementRecorder(MeasurementOutbox outbox)
{
    private readonly MeasurementAggregator _aggregator = new();

    public void Record(MeasurementSample sample)
    {
        var completed = _aggregator.Add(sample);
        if (completed.Count > 0) outbox.Add(completed);
    }
}

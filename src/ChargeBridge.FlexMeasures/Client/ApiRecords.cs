namespace ChargeBridge.FlexMeasures.Client;

/// <summary>Equidistant sensor values from <see cref="Start"/>; a null value is a gap (no data for that slot).</summary>
public sealed record SensorSeries(DateTimeOffset Start, TimeSpan Resolution, IReadOnlyList<double?> Values, string Unit)
{
    public TimeSpan Duration => Resolution * Values.Count;
}

/// <summary>A schedule as FlexMeasures returns it: equidistant values (in <see cref="Unit"/>, usually MW,
/// consumption positive) covering <see cref="Duration"/> from <see cref="Start"/>.</summary>
public sealed record FlexMeasuresSchedule(DateTimeOffset Start, TimeSpan Duration, IReadOnlyList<double> Values, string Unit, string? Scheduler)
{
    public TimeSpan Resolution => Values.Count == 0 ? TimeSpan.Zero : Duration / Values.Count;
}

/// <summary>A FlexMeasures sensor and the asset it belongs to.</summary>
public sealed record FlexMeasuresSensor(int Id, string Name, int AssetId);

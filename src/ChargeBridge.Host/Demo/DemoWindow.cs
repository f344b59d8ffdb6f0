namespace ChargeBridge.Host.Demo;

/// <summary>A stretch of the demo's day, [<see cref="Start"/>, <see cref="End"/>): the evening the car powers the house, the noon it is summed up for.</summary>
internal readonly record struct DemoWindow(DateTimeOffset Start, DateTimeOffset End)
{
    public bool Contains(DateTimeOffset at) => Start <= at && at < End;

    public DemoWindow ShiftedBy(TimeSpan by) => new(Start + by, End + by);
}

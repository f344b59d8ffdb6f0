namespace ChargeBridge.Devices.Twins;

/// <summary>What <see cref="HouseTwin"/> plays when the clock is before or after its trace.</summary>
public enum HouseTwinBeyondTrace
{
    /// <summary><see cref="HouseTwin.Update"/> throws <see cref="InvalidOperationException"/> naming the time and the
    /// trace's span; the meters keep their last values (a test's clock went astray).</summary>
    Fail,

    /// <summary>Before the trace its first value, after it its last (a test that runs a little past the day's end).</summary>
    HoldEdge,

    /// <summary>The trace again and again, from its start every trace length (a one-day trace every day: the demo).</summary>
    Repeat,
}

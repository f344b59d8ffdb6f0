using ChargeBridge.Devices.Shelly;

namespace ChargeBridge.Devices.Twins;

/// <summary>How <see cref="HouseTwin"/> plays its trace.</summary>
public sealed record HouseTwinOptions
{
    /// <summary>The clock the twin reads (a FakeTimeProvider or VirtualClock in tests and the simulated demo day).</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Refresh the meters on a timer of <see cref="Clock"/> at this pace (1–10 s); null: only on
    /// <see cref="HouseTwin.Update"/>.</summary>
    public TimeSpan? RefreshEvery { get; init; }

    /// <summary>The clock's time at which the trace's first value plays; null: the trace's own start (the clock shows
    /// the trace's date). The demo sets it to a local midnight of today to play the trace's day today.</summary>
    public DateTimeOffset? PlayFrom { get; init; }

    public HouseTwinBeyondTrace BeyondTrace { get; init; } = HouseTwinBeyondTrace.Fail;

    /// <summary>The grid meter <see cref="HouseTwin.StartAsync"/> starts (a Pro 3EM: the power spread over three phases).</summary>
    public ShellyModel GridModel { get; init; } = ShellyModel.Pro3Em;

    /// <summary>The PV meter <see cref="HouseTwin.StartAsync"/> starts (a Pro EM: −PV on channel 0, production reading
    /// negative as the site expects); null: no PV meter.</summary>
    public ShellyModel? PvModel { get; init; } = ShellyModel.ProEm;
}

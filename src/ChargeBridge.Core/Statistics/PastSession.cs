using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Statistics;

/// <summary>One plugged-in session as the statistics saw it end: when the car came and left, and its SoC at each end.
/// The SoC it left with less the SoC it came back with next time is what the trip in between used.</summary>
public sealed record PastSession(DateTimeOffset PluggedIn, DateTimeOffset Unplugged, Percent SocAtPlugIn, Percent SocAtUnplug);

using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Calendar;

/// <summary>A departure proposed from the household's own history: when, with what SoC, and on how many of the
/// <see cref="LearnedDepartures.WeeksLooked"/> same weekdays before it the car left.</summary>
public sealed record LearnedDeparture(DateTimeOffset At, Percent Soc, int DaysSeen);

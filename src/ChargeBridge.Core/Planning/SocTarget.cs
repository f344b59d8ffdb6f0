using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Planning;

/// <summary>The car must hold at least <see cref="Soc"/> at <see cref="At"/> (the start of a calendar event).</summary>
public sealed record SocTarget(DateTimeOffset At, Percent Soc);

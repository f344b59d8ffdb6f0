using ChargeBridge.Core.Planning;
using ChargeBridge.FlexMeasures.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChargeBridge.FlexMeasures.Planning;

/// <summary>Where the last plan came from.</summary>
public enum PlanSource
{
    FlexMeasures,

    /// <summary>FlexMeasures sent an unusable schedule; the rest of the previous one is kept.</summary>
    PreviousFlexMeasures,

    Local,
}

/// <summary>
/// FlexMeasures first, never nothing: an unusable FlexMeasures schedule keeps the rest of the previous one while it
/// still covers the present; any other failure, or nothing left to keep, lets the local optimiser plan. After
/// <see cref="AlertAfter"/> without a fresh FlexMeasures schedule the alert is raised; the next fresh one clears it.
/// </summary>
public sealed class FallbackPlanner(IPlanner flexMeasures, IPlanner local, TimeProvider time, ILogger? logger = null) : IPlanner
{
    public static readonly TimeSpan AlertAfter = TimeSpan.FromHours(1);

    private readonly ILogger _log = logger ?? NullLogger.Instance;
    private DateTimeOffset _lastFresh = time.GetUtcNow();
    private Schedule? _previous;
    private bool _alert;

    /// <summary>Raised with true when the alert starts and false when it clears.</summary>
    public event Action<bool>? AlertChanged;

    /// <summary>No fresh FlexMeasures schedule for <see cref="AlertAfter"/> (counted from start-up at first).</summary>
    public bool NoScheduleAlert => time.GetUtcNow() - _lastFresh >= AlertAfter;

    public PlanSource LastSource { get; private set; }

    public async Task<Schedule> PlanAsync(PlanRequest request, CancellationToken ct)
    {
        try
        {
            var schedule = await flexMeasures.PlanAsync(request, ct);
            _lastFresh = time.GetUtcNow();
            _previous = schedule;
            return Chosen(schedule, PlanSource.FlexMeasures);
        }
        catch (FlexMeasuresInvalidScheduleException e) when (Remaining(request.Start) is { } kept)
        {
            _log.LogWarning("{Reason} Keeping the previous FlexMeasures schedule until {End:O}", e.Message, kept.End);
            return Chosen(kept with { StandIn = true }, PlanSource.PreviousFlexMeasures);
        }
        catch (FlexMeasuresException e)
        {
            _log.LogWarning("No FlexMeasures schedule ({Reason}); the local optimiser plans instead", e.Message);
            return Chosen(await local.PlanAsync(request, ct) with { StandIn = true }, PlanSource.Local);
        }
    }

    private Schedule Chosen(Schedule schedule, PlanSource source)
    {
        LastSource = source;
        var alert = NoScheduleAlert;
        if (alert != _alert)
        {
            _alert = alert;
            if (alert) _log.LogWarning("No FlexMeasures schedule since {Since:O}", _lastFresh);
            else _log.LogInformation("FlexMeasures schedules are back");
            AlertChanged?.Invoke(alert);
        }
        return schedule;
    }

    /// <summary>The previous schedule from the slot holding <paramref name="now"/> on, or null if it has run out.</summary>
    private Schedule? Remaining(DateTimeOffset now)
    {
        if (_previous is null || _previous.End is not { } end || end <= now)
            return null;
        var slots = _previous.Slots.Where(s => s.End > now).ToList();
        return _previous with { Slots = slots, Targets = _previous.Targets.Where(t => t.Target.At > now).ToList() };
    }
}

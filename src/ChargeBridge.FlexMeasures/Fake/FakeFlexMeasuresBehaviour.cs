namespace ChargeBridge.FlexMeasures.Fake;

/// <summary>How the fake FlexMeasures server behaves; tests change it while the server runs.</summary>
public sealed class FakeFlexMeasuresBehaviour
{
    public string Email { get; set; } = "demo@chargebridge.invalid";
    public string Password { get; set; } = "demo-password";

    /// <summary>The asset every sensor belongs to.</summary>
    public int AssetId { get; set; } = 1;

    /// <summary>Tokens older than this are refused with 401, as when FlexMeasures' token expires.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(6);

    /// <summary>Time a scheduling job waits in the queue, then runs before its schedule is ready.</summary>
    public TimeSpan QueueDelay { get; set; } = TimeSpan.FromSeconds(1);
    public TimeSpan RunDelay { get; set; } = TimeSpan.FromSeconds(2);

    public NotReadyStyle NotReady { get; set; } = NotReadyStyle.Http400UnknownSchedule;

    /// <summary>Trigger answers as servers up to v0.33 (200 {schedule}) instead of 202 {job, schedule}.</summary>
    public bool LegacyTriggerAnswer { get; set; }

    /// <summary>Jobs end as infeasible instead of with a schedule.</summary>
    public bool FailJobs { get; set; }

    /// <summary>Jobs end with the same value in every slot, as FlexMeasures' fallback scheduler produces.</summary>
    public bool FallbackSchedules { get; set; }

    /// <summary>Schedules come at this resolution instead of the requested one.</summary>
    public TimeSpan? ScheduleResolution { get; set; }

    /// <summary>Every API request (login too) answers 500: the server is down.</summary>
    public bool Down { get; set; }

    /// <summary>The next this many API requests answer 500.</summary>
    public int ServerErrors { get; set; }

    /// <summary>The next this many data posts are stored but answered 500, as when the answer is lost after the commit.</summary>
    public int StoreThenFailPosts { get; set; }

    /// <summary>Data posts to this sensor answer 500 (nothing stored).</summary>
    public int? FailPostsToSensor { get; set; }

    /// <summary>Requests wait this long (real time) before being answered, to provoke client timeouts.</summary>
    public TimeSpan Hang { get; set; }
}

/// <summary>The three ways FlexMeasures versions say "schedule not ready yet".</summary>
public enum NotReadyStyle
{
    /// <summary>HTTP 400 UNKNOWN_SCHEDULE, "Scheduling job waiting to be processed" / "in progress".</summary>
    Http400UnknownSchedule,

    /// <summary>HTTP 202 with status QUEUED or STARTED.</summary>
    Http202Status,

    /// <summary>HTTP 503 with a Retry-After header.</summary>
    Http503RetryAfter,
}

using Microsoft.Extensions.Logging;

namespace ChargeBridge.Apps.V2G;

/// <summary>The time zone HA is configured with (get_config's <c>time_zone</c>): calendar all-day events and statistics
/// days are local to the house, not to the machine the host runs on.</summary>
internal static class HaTimeZone
{
    /// <summary>The zone HA names, or UTC with a warning when HA named none or one this machine does not know.</summary>
    public static TimeZoneInfo Resolve(string? name, ILogger logger)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            logger.LogWarning("Home Assistant reports no time zone; using UTC for calendar days and statistics");
            return TimeZoneInfo.Utc;
        }
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(name);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            logger.LogWarning("Home Assistant's time zone '{Zone}' is not known here ({Reason}); using UTC for calendar days and statistics",
                name, e.Message);
            return TimeZoneInfo.Utc;
        }
    }
}

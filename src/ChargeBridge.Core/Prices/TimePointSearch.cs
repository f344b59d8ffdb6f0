namespace ChargeBridge.Core.Prices;

/// <summary>Binary search over points sorted by their start.</summary>
internal static class TimePointSearch
{
    /// <summary>The index of the last point starting at or before <paramref name="time"/>, or −1 when none does.</summary>
    public static int IndexAtOrBefore<T>(TimePoint<T>[] points, DateTimeOffset time)
    {
        int lo = 0, hi = points.Length - 1, found = -1;
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            if (points[mid].Start <= time) { found = mid; lo = mid + 1; }
            else hi = mid - 1;
        }
        return found;
    }
}

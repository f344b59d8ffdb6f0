using ChargeBridge.Core.Chargers;
using ChargeBridge.Core.Site;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.HomePower;

/// <summary>
/// Shares the grid connection between the house and the loadpoints: house + Σ loadpoints ≤ import limit − margin, and
/// ≥ −(export limit − margin) when an export limit is set.
/// <list type="bullet">
/// <item>Every set point is first cut to what its charger can do: within its maximum, rounded down to whole amperes on
/// its phases (whole watts for a charger set in watts), 0 below its minimum.</item>
/// <item>Charging is served in priority order (lower number first) from the room the house leaves; loadpoints of equal
/// priority share equally, the smaller ask first so what it leaves goes to the others. A grant is rounded down, never
/// above the ask. Another loadpoint's discharge is not counted as room: it may stop at any moment.</item>
/// <item>Charging is never reduced for the export limit; discharges are, the lowest priority first.</item>
/// <item>When the house alone is over the import limit, loadpoints allowed to discharge shave the peak in priority
/// order, rounded up to a whole step so the site gets under the limit, within their maximum and the export limit.</item>
/// <item>Unknown house (stale or missing meter): the limit cannot be checked. Each loadpoint charges at most
/// <see cref="GridLimitSettings.UnknownHouseAmperes"/> on its phases, and all of them together within the import limit
/// minus the margin; a discharge is kept as wanted only when no export limit is set; no peak shaving.</item>
/// </list>
/// Pure: the same inputs give the same allocation.
/// </summary>
public static class GridLimitAllocator
{
    public static GridLimitAllocation Allocate(SiteBalance balance, GridConnection grid, GridLimitSettings settings, IReadOnlyList<GridLimitRequest> requests) =>
        Allocate(balance.House, grid, settings, requests);

    public static GridLimitAllocation Allocate(Power? house, GridConnection grid, GridLimitSettings settings, IReadOnlyList<GridLimitRequest> requests)
    {
        var n = requests.Count;
        var granted = new double[n];
        var reasons = new GridLimitReason[n];
        double? ceiling = grid.ImportLimit is { } import ? import.Watts - settings.Margin.Watts : null;
        double? floor = grid.ExportLimit is { } export ? settings.Margin.Watts - export.Watts : null;

        for (var i = 0; i < n; i++)
        {
            (granted[i], reasons[i]) = Feasible(requests[i]);
            if (house is null) LimitForUnknownHouse(requests[i], settings, floor is not null, ref granted[i], ref reasons[i]);
        }
        var order = ByPriority(requests, granted);

        if (house?.Watts is not { } h)
        {
            // The loadpoints alone must still fit under the limit, whatever the house draws.
            ShareCharging(ceiling ?? double.PositiveInfinity, order, requests, granted, reasons, GridLimitReason.HouseUnknown);
            return Result(requests, granted, reasons, null, ceiling, floor);
        }

        ShareCharging(ceiling is { } c ? c - h : double.PositiveInfinity, order, requests, granted, reasons, GridLimitReason.ImportLimit);
        if (floor is { } f) ReduceDischargeToFloor(h, f, order, requests, granted, reasons);
        if (ceiling is { } top) ShavePeak(h, top, floor, order, requests, granted, reasons);
        return Result(requests, granted, reasons, h, ceiling, floor);
    }

    /// <summary>The wanted set point cut to what the charger can do.</summary>
    private static (double Watts, GridLimitReason Reason) Feasible(GridLimitRequest request)
    {
        var wanted = request.Wanted.Watts;
        var capabilities = request.Capabilities;
        double watts;
        if (double.IsNaN(wanted) || wanted == 0) watts = 0;
        else if (wanted > 0) watts = RoundDown(capabilities, Math.Min(wanted, capabilities.MaxChargePower.Watts));
        else watts = capabilities.Bidirectional ? -RoundDown(capabilities, Math.Min(-wanted, capabilities.MaxDischargePower.Watts)) : 0;
        return (watts, watts == wanted ? GridLimitReason.AsWanted : GridLimitReason.ChargerLimits);
    }

    private static void LimitForUnknownHouse(GridLimitRequest request, GridLimitSettings settings, bool exportLimited, ref double watts, ref GridLimitReason reason)
    {
        var capabilities = request.Capabilities;
        var share = RoundDown(capabilities, ChargerCapabilities.PowerAt(settings.UnknownHouseAmperes, capabilities.Phases).Watts);
        // Without the house, a discharge could push the export over its limit unnoticed.
        var limited = watts > share ? share : watts < 0 && exportLimited ? 0 : watts;
        if (limited == watts) return;
        watts = limited;
        reason = GridLimitReason.HouseUnknown;
    }

    /// <summary>Indices of the requests by priority, then by ascending set point, then in their given order.</summary>
    private static int[] ByPriority(IReadOnlyList<GridLimitRequest> requests, double[] granted)
    {
        var order = new int[requests.Count];
        for (var i = 0; i < order.Length; i++)
        {
            // Insertion sort: a site has a handful of loadpoints, and it is stable without a comparer allocation.
            var j = i;
            while (j > 0 && Before(i, order[j - 1])) { order[j] = order[j - 1]; j--; }
            order[j] = i;
        }
        return order;

        bool Before(int a, int b) =>
            requests[a].Priority != requests[b].Priority ? requests[a].Priority < requests[b].Priority : granted[a] < granted[b];
    }

    /// <summary>Charging from <paramref name="room"/> W by priority; equal priorities share what is left equally.</summary>
    private static void ShareCharging(double room, int[] order, IReadOnlyList<GridLimitRequest> requests, double[] granted, GridLimitReason[] reasons, GridLimitReason reason)
    {
        for (var start = 0; start < order.Length;)
        {
            var priority = requests[order[start]].Priority;
            var end = start;
            var charging = 0;
            for (; end < order.Length && requests[order[end]].Priority == priority; end++)
                if (granted[order[end]] > 0) charging++;
            for (var j = start; j < end; j++)
            {
                var k = order[j];
                if (granted[k] <= 0) continue;
                var share = Math.Max(room, 0) / charging--;
                if (granted[k] > share)
                {
                    granted[k] = RoundDown(requests[k].Capabilities, share);
                    reasons[k] = reason;
                }
                room -= granted[k];
            }
            start = end;
        }
    }

    /// <summary>Reduces discharges, the lowest priority first, until the site exports no more than the floor allows.</summary>
    private static void ReduceDischargeToFloor(double house, double floor, int[] order, IReadOnlyList<GridLimitRequest> requests, double[] granted, GridLimitReason[] reasons)
    {
        var deficit = floor - Sum(house, granted);
        for (var j = order.Length - 1; j >= 0 && deficit > 0; j--)
        {
            var k = order[j];
            if (granted[k] >= 0) continue;
            var magnitude = -granted[k];
            var reduced = RoundDown(requests[k].Capabilities, Math.Max(magnitude - deficit, 0));
            granted[k] = -reduced;
            reasons[k] = GridLimitReason.ExportLimit;
            deficit -= magnitude - reduced;
        }
    }

    /// <summary>Discharges loadpoints allowed to, in priority order, until the site is under the ceiling.</summary>
    private static void ShavePeak(double house, double ceiling, double? floor, int[] order, IReadOnlyList<GridLimitRequest> requests, double[] granted, GridLimitReason[] reasons)
    {
        var site = Sum(house, granted);
        for (var j = 0; j < order.Length && site > ceiling; j++)
        {
            var k = order[j];
            var capabilities = requests[k].Capabilities;
            // No grant charges here: the site can only be over the ceiling when the house alone is, which left no room.
            if (!requests[k].MayDischarge || !capabilities.Bidirectional) continue;
            var current = -granted[k];
            var most = Math.Min(capabilities.MaxDischargePower.Watts, floor is { } f ? current + site - f : double.PositiveInfinity);
            var shaving = Math.Min(RoundUp(capabilities, current + site - ceiling), RoundDown(capabilities, most));
            if (shaving <= current) continue;
            granted[k] = -shaving;
            reasons[k] = GridLimitReason.PeakShaving;
            site -= shaving - current;
        }
    }

    /// <summary>The largest step of this charger not above <paramref name="watts"/> (a magnitude); 0 below its minimum.</summary>
    private static double RoundDown(ChargerCapabilities capabilities, double watts) => capabilities.StepDown(Power.FromWatts(watts)).Watts;

    /// <summary>The smallest step of this charger at or above <paramref name="watts"/> (a magnitude), at least its minimum.</summary>
    private static double RoundUp(ChargerCapabilities capabilities, double watts) => capabilities.StepUp(Power.FromWatts(watts)).Watts;

    private static double Sum(double house, double[] granted)
    {
        var sum = house;
        foreach (var watts in granted) sum += watts;
        return sum;
    }

    private static GridLimitAllocation Result(IReadOnlyList<GridLimitRequest> requests, double[] granted, GridLimitReason[] reasons, double? house, double? ceiling, double? floor)
    {
        var grants = new GridLimitGrant[requests.Count];
        for (var i = 0; i < grants.Length; i++)
            grants[i] = new GridLimitGrant(requests[i].Name, requests[i].Wanted, Power.FromWatts(granted[i]), reasons[i]);
        if (house is not { } h) return new GridLimitAllocation(grants, null, null, Power.Zero, Power.Zero);
        var site = Sum(h, granted);
        return new GridLimitAllocation(grants, Power.FromWatts(h), Power.FromWatts(site),
            Power.FromWatts(ceiling is { } c ? Math.Max(site - c, 0) : 0),
            Power.FromWatts(floor is { } f ? Math.Max(f - site, 0) : 0));
    }
}

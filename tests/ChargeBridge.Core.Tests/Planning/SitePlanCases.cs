using ChargeBridge.Core.Planning;
using ChargeBridge.Core.Prices;
using ChargeBridge.Core.Site;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Tests.Planning;

/// <summary>
/// <see cref="PlanCases"/> requests planned against a random house: load and PV at 15 or 60 minutes (a PV bell around
/// midday UTC), some points missing, sometimes grid limits, and a sell price that is the buy price less a margin, more
/// than it, or (on the negative-price requests) 0.8 × it, which is above it where prices are negative.
/// </summary>
internal static class SitePlanCases
{
    public enum Selling { BelowBuying, AboveBuying, NegativePrices }

    public static IReadOnlyList<PlanRequest> Sample(Selling selling, int count, int seed)
    {
        var random = new Random(seed);
        var requests = PlanCases.Sample(selling == Selling.NegativePrices ? PlanCases.NegativeRequests : PlanCases.Requests, count, seed);
        return requests.Select(r => WithSite(r, selling, random)).ToList();
    }

    /// <summary>A random site around <paramref name="request"/>, with no grid limits when <paramref name="limits"/> is false.</summary>
    public static SiteForecast RandomSite(PlanRequest request, Random random, bool limits = true)
    {
        var resolution = TimeSpan.FromMinutes(random.Next(2) == 0 ? 15 : 60);
        var first = new DateTimeOffset(request.Start.Ticks - request.Start.Ticks % resolution.Ticks, TimeSpan.Zero);
        var baseLoad = 150 + random.Next(1500);
        var peak = random.Next(3) == 0 ? 0 : 1000 + random.Next(9000);
        var house = new List<TimePoint<Power>>();
        var pv = new List<TimePoint<Power>>();
        for (var at = first; at < request.Start + request.Horizon + TimeSpan.FromHours(1); at += resolution)
        {
            if (random.Next(20) > 0) house.Add(new(at, Power.FromWatts(baseLoad + random.Next(2500))));
            var sun = Math.Sin(Math.PI * (at.TimeOfDay.TotalHours - 5) / 14);
            if (random.Next(20) > 0) pv.Add(new(at, Power.FromWatts(Math.Max(0, sun) * peak * (0.5 + random.NextDouble() / 2))));
        }
        var grid = limits && random.Next(2) == 0
            ? new GridConnection(Power.FromWatts(4000 + random.Next(10000)), Power.FromWatts(2000 + random.Next(8000)))
            : GridConnection.Unlimited;
        return new SiteForecast
        {
            HouseLoad = new TimeSeries<Power>(house, resolution),
            PvPower = new TimeSeries<Power>(pv, resolution),
            Grid = grid,
        };
    }

    private static PlanRequest WithSite(PlanRequest request, Selling selling, Random random)
    {
        var margin = 0.01 + random.Next(5) / 100.0;
        var sell = selling switch
        {
            Selling.BelowBuying => request.BuyPrices.Map(p => new EnergyPrice(p.EurPerKwh - margin)),
            Selling.AboveBuying => request.BuyPrices.Map(p => new EnergyPrice(p.EurPerKwh + margin)),
            _ => request.BuyPrices.Map(p => new EnergyPrice(p.EurPerKwh * 0.8)),
        };
        return request with { SellPrices = sell, Site = RandomSite(request, random) };
    }
}

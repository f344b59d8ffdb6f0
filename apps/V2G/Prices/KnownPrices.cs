using System.Globalization;
using Microsoft.Extensions.Logging;

namespace ChargeBridge.Apps.V2G.Prices;

/// <summary>Which prices the loop plans on, as the dashboard shows it.</summary>
internal enum PriceBasis
{
    /// <summary>The prices the source gives now.</summary>
    Current,
    /// <summary>The source has none now (its entity is unavailable, say); the prices read before still cover the present.</summary>
    Kept,
    /// <summary>No known price covers now: the plan only meets the trips and the minimum SoC (<see cref="Core.Planning.PricelessPlan"/>).</summary>
    None,
}

/// <summary>
/// The prices to plan on. Day-ahead prices are facts about their hours: a price entity turning unavailable for a while
/// (an integration reloading, HA restarting) does not take back what it said, so the prices read last stay in use for
/// the hours they cover. Once none covers now the loop plans for the trips alone. Each change of basis is logged once.
/// </summary>
internal sealed class KnownPrices(ILogger logger)
{
    private PriceData? _last;
    private PriceBasis? _basis;

    public PriceBasis Basis => _basis ?? PriceBasis.None;

    /// <summary>Why the source gave none, while <see cref="Basis"/> is not <see cref="PriceBasis.Current"/>.</summary>
    public string? Problem { get; private set; }

    /// <summary>The prices to plan on after <paramref name="read"/>, or null for <see cref="PriceBasis.None"/>.</summary>
    public PriceData? Use(PriceRead read, DateTimeOffset now)
    {
        if (read.Data is { } fresh) _last = fresh;
        var basis = read.Data is not null ? PriceBasis.Current
            : _last?.Prices.ValueAt(now) is not null ? PriceBasis.Kept
            : PriceBasis.None;
        if (basis == PriceBasis.None) _last = null;
        var problem = basis == PriceBasis.Current ? null : read.Problem;
        // Prices found at start-up are no news; every other change of basis is.
        if (basis != _basis && (_basis is not null || basis != PriceBasis.Current)) Log(basis, problem, now);
        _basis = basis;
        Problem = problem;
        return _last;
    }

    private void Log(PriceBasis basis, string? problem, DateTimeOffset now)
    {
        switch (basis)
        {
            case PriceBasis.Current:
                logger.LogInformation("Prices available again");
                break;
            case PriceBasis.Kept:
                logger.LogWarning("No prices from the source ({Problem}); planning on the prices read at {ReceivedAt}, known until {Until}",
                    problem, _last!.ReceivedAt?.ToString("u", CultureInfo.InvariantCulture), _last.Prices.CoveredUntil(now).ToString("u", CultureInfo.InvariantCulture));
                break;
            case PriceBasis.None:
                logger.LogWarning("No usable prices ({Problem}); planning for the trips and the minimum SoC only: charging as early as they need, no discharging",
                    problem);
                break;
        }
    }
}

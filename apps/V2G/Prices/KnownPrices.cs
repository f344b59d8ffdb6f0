using System.Globalization;
using ChargeBridge.Core.Prices;
using Microsoft.Extensions.Logging;

namespace ChargeBridge.Apps.V2G.Prices;

/// <summary>
/// The prices to plan on, as <see cref="PriceBases.Choose"/> decides from what the source gave and what was read
/// before; once none covers now the loop plans for the trips alone. Each change of basis is logged once.
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
        var basis = PriceBases.Choose(read.Data is not null, _last?.Prices, now);
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
                logger.LogWarning("No usable prices ({Problem}); planning for the trips and the minimum SoC only: charging as late as safely possible, no discharging",
                    problem);
                break;
        }
    }
}

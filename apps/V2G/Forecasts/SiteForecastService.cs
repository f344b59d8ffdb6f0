using ChargeBridge.Core.Forecasting;
using ChargeBridge.Core.Planning;
using ChargeBridge.Core.Prices;
using ChargeBridge.Core.Units;
using ChargeBridge.HassModel;
using Microsoft.Extensions.Logging;

namespace ChargeBridge.Apps.V2G.Forecasts;

/// <summary>
/// Keeps the site's house-load and PV history from HA's long-term statistics (hourly rows of the last
/// <see cref="ForecastConfig.HistoryDays"/> days, fetched again every <see cref="RefreshInterval"/>) and makes a
/// <see cref="SiteForecast"/> from it on request. A fetch that fails keeps the history fetched before (it is logged)
/// and is tried again after <see cref="RetryDelay"/>; with no history, the forecast's series are null and the planner
/// plans without the house and PV.
/// </summary>
internal sealed class SiteForecastService : IDisposable
{
    /// <summary>Statistics rows are written once an hour; fetching more often learns nothing new.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromHours(1);
    /// <summary>After a failed fetch (HA not up yet at start, say), the next try comes sooner than the hour.</summary>
    public static readonly TimeSpan RetryDelay = TimeSpan.FromMinutes(5);

    private readonly ForecastConfig _config;
    private readonly Func<StatisticsQuery, CancellationToken, Task<IReadOnlyDictionary<string, IReadOnlyList<StatisticsRow>>>> _statistics;
    private readonly IHaContext _ha;
    private readonly TimeProvider _time;
    private readonly TimeZoneInfo _zone;
    private readonly ILogger _logger;
    private readonly HouseLoadForecaster _house = new();
    private readonly PvForecaster _pv = new();
    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private ITimer? _timer;
    // Swapped whole, so a forecast made while a refresh lands never pairs a new house with an old PV.
    private volatile History _history = new(null, null);

    private sealed record History(TimeSeries<Power>? House, TimeSeries<Power>? Pv);

    public SiteForecastService(ForecastConfig config,
        Func<StatisticsQuery, CancellationToken, Task<IReadOnlyDictionary<string, IReadOnlyList<StatisticsRow>>>> statistics,
        IHaContext ha, TimeProvider time, TimeZoneInfo zone, ILogger logger)
    {
        (_config, _statistics, _ha, _time, _zone, _logger) = (config, statistics, ha, time, zone, logger);
    }

    /// <summary>When the history was last fetched; null before the first fetch that worked.</summary>
    public DateTimeOffset? RefreshedAt { get; private set; }

    /// <summary>Fetches the history now and then every <see cref="RefreshInterval"/>.</summary>
    public void Start()
    {
        // Armed only once kept, so a first fetch that fails at once can move it to the retry.
        _timer = _time.CreateTimer(_ => _ = RefreshAsync(CancellationToken.None), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _timer.Change(TimeSpan.Zero, RefreshInterval);
    }

    /// <summary>Fetches the statistics of the configured house terms and PV; a refresh already under way is not repeated.</summary>
    public async Task RefreshAsync(CancellationToken ct)
    {
        if (!await _refreshing.WaitAsync(0, ct)) return;
        try
        {
            var now = _time.GetUtcNow();
            var end = new DateTimeOffset(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerHour, TimeSpan.Zero);
            var houseTerms = _config.HouseTerms.ToList();
            var ids = houseTerms.Select(t => t.StatisticId).Append(_config.PvStatistic).OfType<string>().Where(id => id.Length > 0).Distinct().ToList();
            var rows = await _statistics(new StatisticsQuery(ids, end.AddDays(-_config.HistoryDays), end, HaStatisticsPeriod.Hour), ct).ConfigureAwait(false);
            _history = new History(houseTerms.Count > 0 ? StatisticsHistory.Sum(rows, houseTerms, HaStatisticsPeriod.Hour) : null,
                string.IsNullOrWhiteSpace(_config.PvStatistic) ? null : StatisticsHistory.Sum(rows, [(_config.PvStatistic, 1)], HaStatisticsPeriod.Hour));
            RefreshedAt = now;
        }
        catch (Exception e) when (e is HaConnectionException or HaCommandException or HaProtocolException or TimeoutException or OperationCanceledException)
        {
            _logger.LogWarning("House and PV history not fetched, the forecast keeps what it had: {Reason}", e.Message);
            _timer?.Change(RetryDelay, RefreshInterval);
        }
        finally
        {
            _refreshing.Release();
        }
    }

    /// <summary>
    /// The house load and PV production expected from <paramref name="from"/> for <paramref name="horizon"/>: the
    /// planner's <see cref="PlanRequest"/> site input (grid limits left unlimited: they come from the site's config).
    /// A series is null when it is not configured or has too little history.
    /// </summary>
    public SiteForecast SiteForecastFor(DateTimeOffset from, TimeSpan horizon)
    {
        var (house, pv) = _history;
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(from, _zone).DateTime);
        return new SiteForecast
        {
            HouseLoad = house is null ? null : _house.Forecast(house, from, horizon, _zone),
            PvPower = pv is null ? null : _pv.Forecast(pv, from, horizon, _zone, SolarForecastEntities.Read(_ha, _config, today)),
        };
    }

    public void Dispose()
    {
        _timer?.Dispose();
        _refreshing.Dispose();
    }
}

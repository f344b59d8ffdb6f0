using ChargeBridge.Core.Planning;
using ChargeBridge.Core.Prices;
using ChargeBridge.Core.Settings;
using ChargeBridge.Core.Site;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Statistics;

/// <summary>The totals the statistics sensors show: lifetime and per local period (the day, week, month and year of now),
/// and the year's savings projected from the last weeks (<see cref="SavingsProjection"/>).</summary>
public sealed record StatisticsView(
    EnergyTotals Lifetime, IReadOnlyDictionary<StatisticsPeriod, EnergyTotals> Periods, double SavingsEur, IReadOnlyDictionary<StatisticsPeriod, double> SavingsPeriods,
    double? ProjectedAnnualSavingsEur = null)
{
    /// <summary>Savings against naive charging plus what the energy earned or saved by destination, lifetime.</summary>
    public double TotalSavingsEur => SavingsEur + Lifetime.ByDestinationEur;

    /// <summary>The same for the current <paramref name="period"/>.</summary>
    public double TotalSavingsIn(StatisticsPeriod period) => SavingsPeriods[period] + Periods[period].ByDestinationEur;
}

/// <summary>What one observation changed: whether <see cref="ChargingStatistics.State"/> is worth saving, and when a
/// session ended, its savings against naive charging or why it was not compared.</summary>
public sealed record StatisticsUpdate(bool Changed, DateTimeOffset? SessionStart = null, SessionSavings? Savings = null, string? NotCompared = null)
{
    public static readonly StatisticsUpdate None = new(false);
}

/// <summary>
/// Charged and discharged energy, cost, revenue and savings from the charger's measured power. The power of each step
/// holds until the next (the same 5-minute time-weighted averaging as FlexMeasures measurements, so time nobody
/// observed is not counted); each 5-minute average is priced at the net price of its interval, or the last known one
/// in a gap. With the site's balance the energy is also split by source, per interval: charged from PV or from the
/// grid, discharged to the house (V2H) or to the grid (<see cref="EnergySources"/> has the rule; without a grid reading
/// it stays unattributed). Savings against naive charging are counted per plugged-in session when the car is unplugged. Pure: the
/// caller saves <see cref="State"/> when an update says it changed (after every interval and session), so totals
/// survive a restart.
/// </summary>
public sealed class ChargingStatistics
{
    private readonly TimeZoneInfo _zone;
    private readonly EnergyStatistics _energy;
    private readonly SavingsLedger _savings;
    private readonly MeasurementAggregator _average = new();
    private readonly Dictionary<DateOnly, DayTotals> _days;
    private SessionState? _session;
    private readonly List<TimePoint<EnergyPrice>> _sessionPrices = [];
    private EnergyPrice? _lastPrice;
    private readonly List<PastSession> _pastSessions;

    /// <summary>How long ended sessions are kept: the weeks the learned departures look back, and one more for the trip
    /// after the oldest.</summary>
    public static readonly TimeSpan SessionsKept = TimeSpan.FromDays(7 * (Calendar.LearnedDepartures.WeeksLooked + 1));
    private EnergyPrice? _lastSellPrice;

    /// <param name="state">What was saved before (<see cref="StatisticsState.Empty"/> at first).</param>
    public ChargingStatistics(StatisticsState state, TimeZoneInfo zone)
    {
        _zone = zone;
        _energy = new EnergyStatistics(zone, MeasurementAggregator.Interval, state.Lifetime);
        _savings = new SavingsLedger(zone, state.SavingsEur);
        _days = state.Days.ToDictionary(d => d.Day);
        foreach (var day in state.Days)
        {
            _energy.RestoreDay(day.Day, day.Totals);
            _savings.RestoreDay(day.Day, day.SavingsEur);
        }
        _session = state.Session;
        _sessionPrices.AddRange(state.Session?.Prices ?? []);
        _pastSessions = [.. state.Sessions ?? []];
        SummarisedMonth = state.SummarisedMonth;
    }

    /// <summary>The first day of the month last summarised (<see cref="MonthlySummary"/>); null before the first.</summary>
    public DateOnly? SummarisedMonth { get; private set; }

    /// <summary>Last month's summary when one is due at <paramref name="now"/> (<see cref="MonthlySummary.Due"/>), which
    /// marks the month summarised; null when none is due or the month has no recorded day. The projection and payback
    /// are today's.</summary>
    public MonthlySummary? TakeMonthlySummary(DateTimeOffset now, EnergyPrice wearPerKwh, double equipmentCostEur)
    {
        if (MonthlySummary.Due(now, _zone, SummarisedMonth) is not { } month) return null;
        SummarisedMonth = month;
        var view = View(now);
        return MonthlySummary.Of(_days.Values, month, wearPerKwh, view.ProjectedAnnualSavingsEur, equipmentCostEur, view.TotalSavingsEur);
    }

    /// <summary>The sessions ended in the last <see cref="SessionsKept"/>, oldest first.</summary>
    public IReadOnlyList<PastSession> Sessions => _pastSessions;

    /// <summary>One observation of the charger; <paramref name="netPrices"/> are the household's prices (null when unknown),
    /// <paramref name="sellPrices"/> what exporting earns (null: the net price, net metering).
    /// <paramref name="site"/> is the site's latest balance (its grid power and the loadpoints' sum), which splits the
    /// energy by source (<see cref="EnergySources"/>); null, or a balance without a grid reading, leaves it unattributed.</summary>
    public StatisticsUpdate Record(DateTimeOffset now, Power actual, bool connected, Percent? soc, TimeSeries<EnergyPrice>? netPrices, ChargeSettings settings,
        SiteBalance? site = null, TimeSeries<EnergyPrice>? sellPrices = null)
    {
        var changed = false;
        foreach (var interval in _average.Add(new MeasurementSample(now, actual, soc ?? new Percent(0), connected, SitePower.From(site))))
            changed |= Count(interval, netPrices, sellPrices);
        if (connected && soc is { } known)
        {
            if (_session is null) changed = true;
            _session = _session is null ? new SessionState(now, known, known, EnergyTotals.Zero, []) : _session with { LastSoc = known };
        }
        else if (!connected && _session is { } ended)
            return EndSession(ended, now, settings);
        return changed ? new StatisticsUpdate(true) : StatisticsUpdate.None;
    }

    /// <summary>Everything needed to go on after a restart.</summary>
    public StatisticsState State => new(_energy.Lifetime, _savings.LifetimeEur, _days.Values.OrderBy(d => d.Day).ToList(),
        _session is null ? null : _session with { Prices = _sessionPrices.ToList() }, _pastSessions.ToList(), SummarisedMonth);

    public StatisticsView View(DateTimeOffset now)
    {
        var periods = Enum.GetValues<StatisticsPeriod>();
        return new(_energy.Lifetime, periods.ToDictionary(p => p, p => _energy.For(p, now)), _savings.LifetimeEur,
            periods.ToDictionary(p => p, p => _savings.For(p, now)),
            SavingsProjection.Annual(_days.Values, StatisticsPeriods.StartOf(StatisticsPeriod.Day, now, _zone)));
    }

    private bool Count(MeasurementInterval interval, TimeSeries<EnergyPrice>? netPrices, TimeSeries<EnergyPrice>? sellPrices)
    {
        _lastPrice = netPrices?.ValueAt(interval.Start) ?? _lastPrice;
        // Known prices without sell prices are net metering; a gap, or no prices at all, keeps the last sell price as it keeps the last buy price.
        _lastSellPrice = sellPrices?.ValueAt(interval.Start) ?? (sellPrices is null && netPrices is not null ? null : _lastSellPrice);
        var sample = new EnergySample(interval.Start, Power.FromMegawatts(interval.PowerMegawatts), _lastPrice ?? new EnergyPrice(0), _lastSellPrice, Site: interval.Site);
        if (!_energy.Add(sample)) return false;
        if (_session is { } session)
        {
            _session = session with { Totals = session.Totals + EnergyTotals.Of(sample, MeasurementAggregator.Interval) };
            _sessionPrices.Add(new TimePoint<EnergyPrice>(sample.Start, sample.BuyPrice));
        }
        var day = StatisticsPeriods.StartOf(StatisticsPeriod.Day, interval.Start, _zone);
        _days[day] = new DayTotals(day, _energy.For(StatisticsPeriod.Day, interval.Start), _savings.For(StatisticsPeriod.Day, interval.Start));
        return true;
    }

    private StatisticsUpdate EndSession(SessionState session, DateTimeOffset end, ChargeSettings settings)
    {
        _session = null;
        _pastSessions.Add(new PastSession(session.Start, end, session.StartSoc, session.LastSoc));
        _pastSessions.RemoveAll(s => s.Unplugged < end - SessionsKept);
        var prices = SessionPrices(session.Start, end);
        _sessionPrices.Clear();
        if (prices.Points.Count == 0) return new StatisticsUpdate(true, session.Start, NotCompared: "no prices");
        var slot = MeasurementAggregator.Interval;
        var start = prices.Points[0].Start;
        var request = new PlanRequest
        {
            Start = start, SlotLength = slot, Horizon = end - start > slot ? end - start : slot, Soc = session.StartSoc,
            Settings = settings, BuyPrices = prices,
        };
        try
        {
            var saved = NaiveComparison.Compare(request, session.Totals, session.LastSoc);
            _savings.Add(saved, end);
            var day = StatisticsPeriods.StartOf(StatisticsPeriod.Day, end, _zone);
            _days[day] = new DayTotals(day, _energy.For(StatisticsPeriod.Day, end), _savings.For(StatisticsPeriod.Day, end));
            return new StatisticsUpdate(true, session.Start, saved);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return new StatisticsUpdate(true, session.Start, NotCompared: e.Message);
        }
    }

    /// <summary>The net price of every interval of the session: as counted, and in intervals nobody observed (the app was
    /// down) the one counted before, so naive charging is priced over the whole session.</summary>
    private TimeSeries<EnergyPrice> SessionPrices(DateTimeOffset start, DateTimeOffset end)
    {
        var counted = _sessionPrices.ToDictionary(p => p.Start, p => p.Value);
        var points = new List<TimePoint<EnergyPrice>>();
        EnergyPrice? last = null;
        for (var at = MeasurementAggregator.IntervalStart(start); at < end; at += MeasurementAggregator.Interval)
        {
            last = counted.TryGetValue(at, out var price) ? price : last;
            if (last is { } known) points.Add(new TimePoint<EnergyPrice>(at, known));
        }
        return new TimeSeries<EnergyPrice>(points, MeasurementAggregator.Interval);
    }
}

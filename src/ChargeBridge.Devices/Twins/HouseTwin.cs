using ChargeBridge.Core.HomePower;
using ChargeBridge.Core.Units;
using ChargeBridge.Devices.Shelly;

namespace ChargeBridge.Devices.Twins;

/// <summary>
/// A live house for tests, the demo and benchmarks: plays a <see cref="HomeSimTrace"/> (house consumption and PV per
/// step) at the clock's time onto a Shelly twin as the grid meter, adding the power of any number of chargers (e.g. a
/// <c>QuasarSimulator</c>'s actual power), so the grid meter reads house − PV + Σ chargers (positive import) over the
/// same HTTP a real Shelly answers. An optional second Shelly twin serves the PV as a PV meter does: production as
/// negative power. It refreshes on <see cref="Update"/> and, with <see cref="HouseTwinOptions.RefreshEvery"/>, on a
/// timer of the clock.
/// </summary>
public sealed class HouseTwin : IAsyncDisposable
{
    private static readonly TimeSpan FastestRefresh = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan SlowestRefresh = TimeSpan.FromSeconds(10);
    private readonly object _lock = new();
    private readonly HouseTwinOptions _options;
    private readonly List<Func<Power>> _chargers = [];
    private readonly bool _ownsMeters;
    private readonly DateTimeOffset _playFrom;
    private readonly ITimer? _timer;
    private HouseTwinReading? _last;
    private Exception? _lastError;

    /// <summary>A twin playing <paramref name="trace"/> onto <paramref name="grid"/> and, when given, −PV onto
    /// <paramref name="pv"/>. The meters stay the caller's to dispose.</summary>
    public HouseTwin(HomeSimTrace trace, ShellySimulator grid, ShellySimulator? pv = null, HouseTwinOptions? options = null)
        : this(trace, grid, pv, options ?? new HouseTwinOptions(), ownsMeters: false)
    {
    }

    private HouseTwin(HomeSimTrace trace, ShellySimulator grid, ShellySimulator? pv, HouseTwinOptions options, bool ownsMeters)
    {
        if (options.RefreshEvery is { } every && (every < FastestRefresh || every > SlowestRefresh))
            throw new ArgumentOutOfRangeException(nameof(options), every, "the refresh pace must be 1–10 s");
        if (trace.Count == 0) throw new ArgumentException("the trace is empty", nameof(trace));
        Trace = trace;
        Grid = grid;
        Pv = pv;
        _options = options;
        _ownsMeters = ownsMeters;
        _playFrom = options.PlayFrom ?? trace.Start;
        if (options.RefreshEvery is { } pace)
        {
            Refresh(null);
            _timer = options.Clock.CreateTimer(Refresh, null, pace, pace);
        }
    }

    /// <summary>Starts a grid meter twin (<see cref="HouseTwinOptions.GridModel"/>, a Pro 3EM by default) and a PV meter
    /// twin (<see cref="HouseTwinOptions.PvModel"/>, a Pro EM by default; none when null) on free loopback ports, on the
    /// twin's clock, and plays <paramref name="trace"/> onto them. Disposing the twin stops them.</summary>
    public static async Task<HouseTwin> StartAsync(HomeSimTrace trace, HouseTwinOptions? options = null)
    {
        options ??= new HouseTwinOptions();
        var meterOptions = new ShellySimulatorOptions { Time = options.Clock };
        var grid = await ShellySimulator.StartAsync(options.GridModel, meterOptions);
        ShellySimulator? pv = null;
        try
        {
            if (options.PvModel is { } pvModel) pv = await ShellySimulator.StartAsync(pvModel, meterOptions);
            return new HouseTwin(trace, grid, pv, options, ownsMeters: true);
        }
        catch
        {
            if (pv is not null) await pv.DisposeAsync();
            await grid.DisposeAsync();
            throw;
        }
    }

    public HomeSimTrace Trace { get; }

    /// <summary>The grid meter: house − PV + Σ chargers, positive import.</summary>
    public ShellySimulator Grid { get; }

    /// <summary>The PV meter, reading production as negative power; null when the twin has none.</summary>
    public ShellySimulator? Pv { get; }

    /// <summary>The last refresh; null before the first.</summary>
    public HouseTwinReading? Last
    {
        get { lock (_lock) return _last; }
    }

    /// <summary>Why the last timer refresh failed (e.g. the clock outside the trace with
    /// <see cref="HouseTwinBeyondTrace.Fail"/>); null when it succeeded. The meters then keep their values.</summary>
    public Exception? LastError
    {
        get { lock (_lock) return _lastError; }
    }

    /// <summary>Adds a charger whose power (positive charging, negative discharging) the grid meter includes from the
    /// next refresh on, e.g. <c>() =&gt; quasar.ActualPower</c>. It is called at every refresh.</summary>
    public void AddCharger(Func<Power> power)
    {
        ArgumentNullException.ThrowIfNull(power);
        lock (_lock) _chargers.Add(power);
    }

    /// <summary>Reads the clock, looks the time up in the trace, asks every charger for its power and sets the meters.</summary>
    /// <exception cref="InvalidOperationException">The time is outside the trace and <see cref="HouseTwinOptions.BeyondTrace"/>
    /// is <see cref="HouseTwinBeyondTrace.Fail"/>.</exception>
    public HouseTwinReading Update()
    {
        lock (_lock)
        {
            var now = _options.Clock.GetUtcNow();
            var index = IndexAt(now);
            var chargers = Power.Zero;
            foreach (var charger in _chargers) chargers += charger();
            var house = Trace.House[index];
            var pv = Trace.Pv[index];
            var reading = new HouseTwinReading(now, Trace.TimeAt(index), house, pv, chargers, house - pv + chargers);
            Grid.SetPower(reading.Grid.Watts);
            Pv?.SetPower(-pv.Watts);
            return _last = reading;
        }
    }

    private int IndexAt(DateTimeOffset now)
    {
        var offset = (now - _playFrom).Ticks;
        var length = Trace.Step.Ticks * Trace.Count;
        if (offset < 0 || offset >= length)
        {
            switch (_options.BeyondTrace)
            {
                case HouseTwinBeyondTrace.HoldEdge:
                    return offset < 0 ? 0 : Trace.Count - 1;
                case HouseTwinBeyondTrace.Repeat:
                    offset = (offset % length + length) % length;
                    break;
                default:
                    throw new InvalidOperationException(
                        $"the clock's {now:O} is outside the house trace, which plays {_playFrom:O} to {_playFrom + (Trace.End - Trace.Start):O}");
            }
        }
        return (int)(offset / Trace.Step.Ticks);
    }

    private void Refresh(object? state)
    {
        try
        {
            Update();
            lock (_lock) _lastError = null;
        }
        catch (Exception e)
        {
            // a timer callback has no caller to throw to: the error is kept for the test or the demo to show
            lock (_lock) _lastError = e;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_timer is not null) await _timer.DisposeAsync();
        if (!_ownsMeters) return;
        if (Pv is not null) await Pv.DisposeAsync();
        await Grid.DisposeAsync();
    }
}

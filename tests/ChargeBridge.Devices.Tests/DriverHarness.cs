using ChargeBridge.Core.Simulation;
using ChargeBridge.Devices.Quasar;
using ChargeBridge.Core.Chargers;
using ChargeBridge.Core.Units;
using ChargeBridge.Tests;

namespace ChargeBridge.Devices.Tests;

/// <summary>A Quasar driver polling a simulator on one virtual clock. <see cref="RunUntilAsync"/> moves the clock from
/// one driver timer to the next and waits for the driver's real socket work in between, so minutes of polling,
/// timeouts and backoff take milliseconds and never race the clock.</summary>
internal sealed class DriverHarness : IAsyncDisposable
{
    private readonly List<ChargerStatus> _statuses = [];
    private readonly IDisposable _subscription;

    private DriverHarness(VirtualClock clock, QuasarSimulator sim, QuasarDriver driver)
    {
        Clock = clock;
        Sim = sim;
        Driver = driver;
        _subscription = driver.StatusChanges.Subscribe(s => { lock (_statuses) _statuses.Add(s); });
    }

    public VirtualClock Clock { get; }
    public QuasarSimulator Sim { get; }
    public QuasarDriver Driver { get; }
    public DateTimeOffset Now => Clock.GetUtcNow();

    public IReadOnlyList<ChargerStatus> Statuses
    {
        get { lock (_statuses) return _statuses.ToArray(); }
    }

    public static async Task<DriverHarness> StartAsync(
        Func<QuasarSimulatorOptions, QuasarSimulatorOptions>? sim = null,
        Func<QuasarDriverOptions, QuasarDriverOptions>? driver = null)
    {
        var clock = new VirtualClock();
        var simulator = await QuasarSimulator.StartAsync(options: (sim ?? (o => o))(new QuasarSimulatorOptions { Clock = clock }));
        var options = new QuasarDriverOptions { Host = "127.0.0.1", Port = simulator.Endpoint.Port, Clock = clock };
        return new DriverHarness(clock, simulator, new QuasarDriver((driver ?? (o => o))(options)));
    }

    /// <summary>Starts the polling loop and waits for its first status.</summary>
    public async Task StartPollingAsync()
    {
        var before = Statuses.Count;
        Driver.Start();
        await Wait.Until(() => Statuses.Count > before && Clock.NextDue is not null, "the first poll");
    }

    /// <summary>Runs virtual time until <paramref name="done"/> holds or <paramref name="limit"/> has passed.</summary>
    public async Task RunUntilAsync(Func<bool> done, TimeSpan limit)
    {
        var end = Now + limit;
        while (!done())
        {
            var next = Clock.NextDue ?? throw new InvalidOperationException("the driver has no timer pending");
            if (next > end) break;
            var statuses = Statuses.Count;
            var unanswered = Sim.UnansweredRequests;
            Clock.AdvanceTo(next);
            await Wait.Until(() => (Statuses.Count > statuses || Sim.UnansweredRequests > unanswered) && Clock.NextDue is not null,
                "the driver to finish its step");
        }
        if (!done() && end > Now) Clock.AdvanceTo(end);
    }

    public Task RunForAsync(TimeSpan duration) => RunUntilAsync(() => false, duration);

    public async ValueTask DisposeAsync()
    {
        _subscription.Dispose();
        await Driver.DisposeAsync();
        await Sim.DisposeAsync();
    }

    public static Power W(double watts) => Power.FromWatts(watts);
}

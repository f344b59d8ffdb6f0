using System.Reactive.Subjects;
using ChargeBridge.Core.Chargers;

namespace ChargeBridge.Devices.Registry;

/// <summary>
/// A polled charger driver's status side, the same for each driver: the latest status and the stream of them (nothing
/// announced once stopped), and the background <see cref="PollLoop"/> from <see cref="Start"/> until
/// <see cref="StopAsync"/>.
/// </summary>
internal sealed class ChargerFeed(ChargerStatus initial)
{
    private readonly Subject<ChargerStatus> _statuses = new();
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;
    private bool _stopped;

    public ChargerStatus Status { get; private set; } = initial;

    public IObservable<ChargerStatus> Changes => _statuses;

    /// <summary>Keeps <paramref name="status"/> as the latest and announces it; returns it.</summary>
    public ChargerStatus Publish(ChargerStatus status)
    {
        Status = status;
        if (!_stopped) _statuses.OnNext(status);
        return status;
    }

    /// <summary>Polls with <paramref name="refresh"/>, waiting what <paramref name="pause"/> says on the device's clock;
    /// a second call changes nothing.</summary>
    public void Start(Func<CancellationToken, Task<ChargerStatus>> refresh, Func<ChargerStatus, TimeSpan> pause, TimeProvider clock) =>
        _loop ??= PollLoop.RunAsync(refresh, pause, clock, _stop.Token);

    /// <summary>Stops the polling and ends the stream; false when that was done before.</summary>
    public async Task<bool> StopAsync()
    {
        if (_stopped) return false;
        _stopped = true;
        await _stop.CancelAsync();
        if (_loop is not null) await _loop;
        _statuses.OnCompleted();
        _statuses.Dispose();
        _stop.Dispose();
        return true;
    }
}

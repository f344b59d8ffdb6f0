using ChargeBridge.Core.Chargers;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Apps.Tests.V2G;

/// <summary>A charger in front of another whose set points can be held back until the test lets them through: a charger
/// that takes its time to answer a command, at the moment the test chooses.</summary>
internal sealed class HeldCharger(ICharger inner) : ICharger
{
    private TaskCompletionSource? _held;

    public ChargerCapabilities Capabilities => inner.Capabilities;
    public ChargerStatus Status => inner.Status;
    public IObservable<ChargerStatus> StatusChanges => inner.StatusChanges;

    /// <summary>A set point is waiting to be let through.</summary>
    public bool Holding { get; private set; }

    /// <summary>Holds back every set point from now until <see cref="Release"/>.</summary>
    public void Hold() => _held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => _held?.TrySetResult();

    public Task<ChargerStatus> RefreshAsync(CancellationToken ct = default) => inner.RefreshAsync(ct);

    public async Task<ChargerCommandResult> SetPowerAsync(Power power, CancellationToken ct = default)
    {
        if (_held is { } held)
        {
            Holding = true;
            await held.Task.WaitAsync(ct);
            (_held, Holding) = (null, false);
        }
        return await inner.SetPowerAsync(power, ct);
    }

    public Task<ChargerCommandResult> ReleaseAsync(CancellationToken ct = default) => inner.ReleaseAsync(ct);
}

using System.Reactive.Linq;
using ChargeBridge.Core.Chargers;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Tests.Fakes;

/// <summary>A charger in memory: it records every command, takes (then runs at that power) or refuses them as told,
/// and can hang until the caller gives up.</summary>
internal sealed class FakeCharger(TimeProvider time) : ICharger
{
    public ChargerCapabilities Capabilities { get; } = ChargerCapabilities.ForCurrent(bidirectional: true, phases: 1, 6, 32);
    public ChargerStatus Status { get; private set; } = ChargerStatus.Unknown(time.GetUtcNow()) with { State = ChargerState.Waiting, CarConnected = true, Reachable = true };
    public IObservable<ChargerStatus> StatusChanges { get; } = Observable.Never<ChargerStatus>();

    /// <summary>Every command in order: a power, or null for a release.</summary>
    public List<Power?> Commands { get; } = [];

    /// <summary>Set: commands are refused with this reason.</summary>
    public string? RefuseWith { get; set; }

    /// <summary>Set: commands wait until the caller cancels.</summary>
    public bool Hangs { get; set; }

    public Task<ChargerStatus> RefreshAsync(CancellationToken ct = default) => Task.FromResult(Status);

    public Task<ChargerCommandResult> SetPowerAsync(Power power, CancellationToken ct = default) => CommandAsync(power, ct);

    public Task<ChargerCommandResult> ReleaseAsync(CancellationToken ct = default) => CommandAsync(null, ct);

    private async Task<ChargerCommandResult> CommandAsync(Power? power, CancellationToken ct)
    {
        if (Hangs) await new TaskCompletionSource().Task.WaitAsync(ct);
        Commands.Add(power);
        if (RefuseWith is { } reason) return ChargerCommandResult.Refused(ChargerCommandError.Communication, reason, Status);
        Status = Status with { ActualPower = power ?? Power.Zero };
        return ChargerCommandResult.Done(Status);
    }
}

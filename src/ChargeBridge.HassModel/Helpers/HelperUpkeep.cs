using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace ChargeBridge.HassModel.Helpers;

/// <summary>
/// Creates the helpers an app owns and keeps trying those HA refused or did not answer for, with a growing pause, until
/// every one exists. An app must not stop for a helper: meanwhile it runs on that setting's default and
/// <see cref="Missing"/> names what is missing, for its alert.
/// </summary>
public sealed class HelperUpkeep(HelperProvisioner provisioner, TimeProvider time, ILogger logger) : IDisposable
{
    public static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan LongestRetry = TimeSpan.FromMinutes(30);

    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _firstPass = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IReadOnlyList<MissingHelper> _missing = [];

    /// <summary>The helpers that do not exist yet, with why creating them failed.</summary>
    public IReadOnlyList<MissingHelper> Missing => Volatile.Read(ref _missing);

    /// <summary>Runs the first pass, then goes on retrying in the background until every helper exists or this is disposed.</summary>
    public async Task StartAsync(IReadOnlyList<HelperDefinition> helpers, CancellationToken ct)
    {
        var retry = new ResiliencePipelineBuilder<HelperProvisioning> { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<HelperProvisioning>
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result is { Missing.Count: > 0 }),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = false,
                Delay = FirstRetry,
                MaxDelay = LongestRetry,
                OnRetry = args =>
                {
                    logger.LogInformation("Retrying {Count} helper(s) in {Delay} s", args.Outcome.Result!.Missing.Count, args.RetryDelay.TotalSeconds);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
        _ = retry.ExecuteAsync(async token => Observe(await provisioner.EnsureAsync(helpers, token).ConfigureAwait(false)), _stop.Token).AsTask()
            .ContinueWith(t =>
            {
                // Ends only when disposed (cancelled); the first pass may not have come by then.
                _ = t.Exception;
                _firstPass.TrySetResult();
            }, TaskScheduler.Default);
        await _firstPass.Task.WaitAsync(ct).ConfigureAwait(false);
    }

    private HelperProvisioning Observe(HelperProvisioning pass)
    {
        var before = Missing;
        Volatile.Write(ref _missing, pass.Missing);
        foreach (var missing in pass.Missing.Where(m => before.All(b => b.EntityId != m.EntityId)))
            logger.LogWarning("Helper {EntityId} could not be created, its default is used until it exists: {Reason}", missing.EntityId, missing.Reason);
        foreach (var created in before.Where(b => pass.Missing.All(m => m.EntityId != b.EntityId)))
            logger.LogInformation("Helper {EntityId} exists now", created.EntityId);
        _firstPass.TrySetResult();
        return pass;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }
}

using System.Collections.Concurrent;
using System.Reactive.Linq;
using System.Reactive.Threading.Tasks;
using System.Reflection;
using ChargeBridge.HassModel.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChargeBridge.HassModel.Runtime;

/// <summary>Starts every discovered app once HA is first connected, each in its own DI scope, and stops them on
/// shutdown. An app that throws while starting is marked failed and logged; the others run on, and the failed one is
/// tried again on every reconnect (what failed may have been HA's answer). Running apps are never restarted on
/// reconnect: their streams outlive connections.</summary>
public sealed class AppRuntime(
    IServiceProvider services, HomeAssistantClient client, AppCatalog catalog, ILogger<AppRuntime> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<string, AppStatus> _status = new();
    private readonly List<(string Id, IServiceScope Scope, object App)> _running = [];
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _starting = new(1, 1);
    private IDisposable? _reconnects;

    public IReadOnlyList<AppStatus> Apps => _status.Values.OrderBy(s => s.Id, StringComparer.Ordinal).ToList();

    /// <summary>Completes when every app has been started (or has failed to).</summary>
    public Task Started => _started.Task;

    /// <summary>The running instance of app class <typeparamref name="T"/>, or null (the demo and tests look inside one).</summary>
    public T? Instance<T>() where T : class
    {
        lock (_running) return _running.Select(r => r.App).OfType<T>().FirstOrDefault();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await client.Connected.Where(up => up).FirstAsync().ToTask(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        await StartAppsAsync(catalog.AppTypes, stoppingToken).ConfigureAwait(false);
        _started.TrySetResult();
        // Connected repeats its current value to a new subscriber: that one is the connection just used.
        _reconnects = client.Connected.Where(up => up).Skip(1).Subscribe(_ => StartFailedApps(stoppingToken));
    }

    private void StartFailedApps(CancellationToken ct)
    {
        var failed = catalog.AppTypes.Where(t => _status.GetValueOrDefault(AppCatalog.IdOf(t))?.State == AppState.Failed).ToList();
        _ = StartAppsAsync(failed, ct);
    }

    private async Task StartAppsAsync(IReadOnlyList<Type> types, CancellationToken ct)
    {
        if (types.Count == 0) return;
        try
        {
            await _starting.WaitAsync(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        try
        {
            foreach (var type in types)
            {
                if (ct.IsCancellationRequested) return;
                if (_status.TryGetValue(AppCatalog.IdOf(type), out var was) && was.State == AppState.Failed)
                    logger.LogInformation("Starting app {App} again after the reconnect", was.Id);
                await StartAppAsync(type, ct).ConfigureAwait(false);
            }
        }
        finally
        {
            _starting.Release();
        }
    }

    private async Task StartAppAsync(Type type, CancellationToken ct)
    {
        var id = AppCatalog.IdOf(type);
        _status[id] = new AppStatus(id, AppState.Starting);
        var scope = services.CreateScope();
        try
        {
            var app = ActivatorUtilities.CreateInstance(scope.ServiceProvider, type);
            if (app is IAsyncInitializable initializable)
                await initializable.InitializeAsync(ct).ConfigureAwait(false);
            lock (_running) _running.Add((id, scope, app));
            _status[id] = new AppStatus(id, AppState.Running);
            logger.LogInformation("App {App} started", id);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            var reason = (e is TargetInvocationException { InnerException: { } inner } ? inner : e).Message;
            _status[id] = new AppStatus(id, AppState.Failed, reason);
            logger.LogError(e, "App {App} failed to start and is not running: {Reason}", id, reason);
            scope.Dispose();
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _reconnects?.Dispose();
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        // A restart after a reconnect may be under way: it ends (cancelled) before the apps are stopped.
        await _starting.WaitAsync(cancellationToken).ConfigureAwait(false);
        List<(string Id, IServiceScope Scope, object App)> running;
        lock (_running)
        {
            running = [.. _running];
            _running.Clear();
        }
        foreach (var (id, scope, app) in running)
        {
            try
            {
                if (app is IAsyncDisposable asyncDisposable) await asyncDisposable.DisposeAsync().ConfigureAwait(false);
                else if (app is IDisposable disposable) disposable.Dispose();
            }
            catch (Exception e)
            {
                logger.LogError(e, "App {App} failed while stopping", id);
            }
            scope.Dispose();
            _status[id] = new AppStatus(id, AppState.Stopped);
        }
    }
}

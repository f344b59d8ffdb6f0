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
/// shutdown. An app that throws while starting is marked failed and logged; the others run on. Apps are never
/// restarted on reconnect: their streams outlive connections.</summary>
public sealed class AppRuntime(
    IServiceProvider services, HomeAssistantClient client, AppCatalog catalog, ILogger<AppRuntime> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<string, AppStatus> _status = new();
    private readonly List<(string Id, IServiceScope Scope, object App)> _running = [];
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

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
        foreach (var type in catalog.AppTypes)
            await StartAppAsync(type, stoppingToken).ConfigureAwait(false);
        _started.TrySetResult();
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
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
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

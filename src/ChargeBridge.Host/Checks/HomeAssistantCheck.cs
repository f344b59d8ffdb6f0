using System.Reactive.Linq;
using System.Reactive.Threading.Tasks;
using System.Text.Json;
using ChargeBridge.HassModel;
using ChargeBridge.HassModel.Client;
using Microsoft.Extensions.Logging;

namespace ChargeBridge.Host.Checks;

/// <summary>Connects to Home Assistant once: is it reachable, does it accept the token, is the token's user an
/// administrator, and do the entities the apps read exist with a usable state.</summary>
internal static class HomeAssistantCheck
{
    public static async Task<IReadOnlyList<CheckItem>> RunAsync(HomeAssistantOptions options, IReadOnlyList<(string Key, string EntityId)> entities,
        TimeSpan timeout, CancellationToken ct)
    {
        var failures = new FirstFailureLogger();
        await using var client = new HomeAssistantClient(options, failures, TimeProvider.System);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var run = client.RunAsync(stop.Token);
        var connected = client.Connected.Where(up => up).FirstAsync().ToTask(stop.Token);
        await Task.WhenAny(run, connected, failures.First, Task.Delay(timeout, ct));
        try
        {
            if (run is { IsFaulted: true, Exception.InnerException: HaAuthenticationException })
                return [CheckItem.Fail($"Home Assistant at {options.RestUri} refused the access token",
                    "create a long-lived access token in your Home Assistant profile (Security tab) and put it in HomeAssistant:Token")];
            if (!connected.IsCompletedSuccessfully)
                return [CheckItem.Fail($"Home Assistant at {options.WebSocketUri} did not answer: {(failures.First.IsCompleted ? failures.First.Result : "no connection within " + timeout.TotalSeconds + " s")}",
                    "check HomeAssistant:Host, Port and Ssl, and that Home Assistant is running and reachable from this machine")];

            var items = new List<CheckItem> { CheckItem.Pass($"Home Assistant {client.Config?.Version} at {options.RestUri} accepted the access token") };
            items.Add(await AdminAsync(client, ct));
            items.AddRange(entities.Select(e => Entity(client, e.Key, e.EntityId)));
            return items;
        }
        finally
        {
            await stop.CancelAsync();
            await run.ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private static async Task<CheckItem> AdminAsync(HomeAssistantClient client, CancellationToken ct)
    {
        var user = await client.SendCommandAsync("auth/current_user", null, ct);
        var name = user.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : "?";
        return user.TryGetProperty("is_admin", out var admin) && admin.ValueKind == JsonValueKind.True
            ? CheckItem.Pass($"the token's user '{name}' is an administrator")
            : CheckItem.Fail($"the token's user '{name}' is not an administrator",
                "use a token of an administrator: the apps create their settings helpers (input_number, input_select), which only administrators may");
    }

    private static CheckItem Entity(HomeAssistantClient client, string key, string entityId) => client.GetState(entityId) switch
    {
        null => CheckItem.Fail($"{key}: {entityId} does not exist in Home Assistant",
            $"set {key} to an entity of yours (Settings → Devices & services → Entities), or set up the integration that provides it"),
        { IsUnavailable: true } state => CheckItem.Fail($"{key}: {entityId} is {state.State}",
            "the integration providing it has no value now: check it under Settings → Devices & services"),
        var state => CheckItem.Pass($"{key}: {entityId} exists ({Shorten(state.State)})"),
    };

    private static string Shorten(string? text) => text is { Length: > 40 } ? text[..40] + "…" : text ?? "";

    /// <summary>The HA client logs a failed connection attempt as a warning and tries again; the check takes the first
    /// such reason. (A refused token is an error that ends the client's loop, which the check sees directly.)</summary>
    private sealed class FirstFailureLogger : ILogger<HomeAssistantClient>
    {
        private readonly TaskCompletionSource<string> _first = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<string> First => _first.Task;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel == LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) _first.TrySetResult(formatter(state, exception));
        }
    }
}

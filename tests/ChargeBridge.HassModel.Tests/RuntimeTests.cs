using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using ChargeBridge.HassModel.Fake;
using ChargeBridge.HassModel.Runtime;
using ChargeBridge.Tests;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using static ChargeBridge.HassModel.Tests.HomeAssistantClientTests;

namespace ChargeBridge.HassModel.Tests;

/// <summary>What test apps saw, shared with the test through DI.</summary>
public sealed class AppSink
{
    public ConcurrentQueue<string> Seen { get; } = new();
    public ConcurrentQueue<string> Disposed { get; } = new();
    public int InitAttempts;
}

public sealed class EchoConfig
{
    public string Sensor { get; set; } = "";
    public List<string> Tags { get; set; } = [];
}

[NetDaemonApp(Id = "echo")]
public sealed class EchoApp : IDisposable
{
    private readonly AppSink _sink;

    public EchoApp(IHaContext ha, IAppConfig<EchoConfig> config, AppSink sink, ILogger<EchoApp> logger)
    {
        _sink = sink;
        ha.Entity(config.Value.Sensor).StateChanges().SubscribeSafe(c => sink.Seen.Enqueue($"echo:{c.New?.State}:{string.Join(",", config.Value.Tags)}"), logger);
    }

    public void Dispose() => _sink.Disposed.Enqueue("echo");
}

[NetDaemonApp(Id = "thrower")]
public sealed class ThrowingApp
{
    public ThrowingApp() => throw new InvalidOperationException("this app cannot start");
}

[NetDaemonApp(Id = "bad-init")]
public sealed class FailingInitApp : IAsyncInitializable
{
    public Task InitializeAsync(CancellationToken ct) => throw new InvalidOperationException("init failed on purpose");
}

/// <summary>Fails its first start, as an app does when HA refuses something it needs, and starts the next time.</summary>
[NetDaemonApp(Id = "flaky-init")]
public sealed class FlakyInitApp(AppSink sink) : IAsyncInitializable
{
    public Task InitializeAsync(CancellationToken ct) =>
        Interlocked.Increment(ref sink.InitAttempts) == 1 ? throw new InvalidOperationException("HA refused on purpose") : Task.CompletedTask;
}

[NetDaemonApp(Id = "second")]
public sealed class SecondApp
{
    public SecondApp(IHaContext ha, AppSink sink, ILogger<SecondApp> logger) =>
        ha.StateAllChanges().SubscribeSafe(c =>
        {
            if (c.Entity.EntityId == "sensor.watched") sink.Seen.Enqueue($"second:{c.New?.State}");
            if (c.New?.State == "boom") throw new InvalidOperationException("observer failure on purpose");
        }, logger);
}

/// <summary>Subscribes without the safe helper, so a throw ends its own subscription (Rx's rule), and only that.</summary>
[NetDaemonApp(Id = "rude")]
public sealed class RudeApp
{
    public RudeApp(IHaContext ha) =>
        ha.StateAllChanges().Subscribe(c =>
        {
            if (c.New?.State == "boom") throw new InvalidOperationException("rude failure on purpose");
        });
}

public class RuntimeTests
{
    private static async Task<(IHost Host, AppSink Sink, FakeLogCollector Logs)> StartHostAsync(HomeAssistantFake fake, string yaml, params Type[] apps)
    {
        var folder = Directory.CreateTempSubdirectory("cb-apps-").FullName;
        File.WriteAllText(Path.Combine(folder, "apps.yaml"), yaml);
        var logs = new FakeLoggerProvider();
        var sink = new AppSink();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Debug);
        builder.Configuration.AddYamlAppConfig(folder);
        builder.Services.AddSingleton(sink);
        builder.Services.AddHomeAssistantApps(ConnectedClient.FastOptions(fake), new AppCatalog(apps));
        var host = builder.Build();
        await host.StartAsync();
        await host.Services.GetRequiredService<AppRuntime>().Started.WaitAsync(TimeSpan.FromSeconds(10));
        return (host, sink, logs.Collector);
    }

    private const string EchoYaml = """
        ChargeBridge.HassModel.Tests.EchoConfig:
          Sensor: sensor.watched
          Tags:
            - a
            - b
        """;

    [Fact]
    public async Task Apps_start_with_their_config_and_a_failing_app_does_not_stop_the_others()
    {
        await using var fake = await HomeAssistantFake.StartAsync();
        var (host, sink, logs) = await StartHostAsync(fake, EchoYaml, typeof(EchoApp), typeof(ThrowingApp), typeof(FailingInitApp), typeof(SecondApp));
        using var _ = host;
        var runtime = host.Services.GetRequiredService<AppRuntime>();

        Assert.Equal([("bad-init", AppState.Failed), ("echo", AppState.Running), ("second", AppState.Running), ("thrower", AppState.Failed)],
            runtime.Apps.Select(a => (a.Id, a.State)));
        Assert.Equal("this app cannot start", runtime.Apps.Single(a => a.Id == "thrower").Error);
        Assert.Contains(logs.GetSnapshot(), r => r is { Level: LogLevel.Error, Exception: InvalidOperationException { Message: "init failed on purpose" } }
                                                 && r.GetStructuredStateValue("App") == "bad-init");

        fake.SetState("sensor.watched", "12");
        await WaitUntil(() => sink.Seen.Count == 2);
        Assert.Equal(["echo:12:a,b", "second:12"], sink.Seen.Order());
        await host.StopAsync();
    }

    [Fact]
    public async Task An_app_that_failed_to_start_is_started_again_after_a_reconnect_and_a_running_one_is_not()
    {
        await using var fake = await HomeAssistantFake.StartAsync();
        var (host, sink, _) = await StartHostAsync(fake, EchoYaml, typeof(FlakyInitApp), typeof(EchoApp));
        using var _ = host;
        var runtime = host.Services.GetRequiredService<AppRuntime>();
        Assert.Equal(AppState.Failed, runtime.Apps.Single(a => a.Id == "flaky-init").State);

        fake.DropConnections();
        await WaitUntil(() => runtime.Apps.Single(a => a.Id == "flaky-init").State == AppState.Running);
        Assert.Equal(2, sink.InitAttempts);
        Assert.Empty(sink.Disposed);
        fake.SetState("sensor.watched", "once");
        await WaitUntil(() => sink.Seen.Count == 1);
        Assert.Equal(["echo:once:a,b"], sink.Seen);
        await host.StopAsync();
    }

    [Fact]
    public async Task A_safe_subscriber_that_throws_is_logged_and_keeps_receiving_and_a_rude_one_harms_no_other_app()
    {
        await using var fake = await HomeAssistantFake.StartAsync();
        var (host, sink, logs) = await StartHostAsync(fake, EchoYaml, typeof(RudeApp), typeof(SecondApp), typeof(EchoApp));
        using var _ = host;
        fake.SetState("sensor.watched", "boom");
        fake.SetState("sensor.watched", "after");
        await WaitUntil(() => sink.Seen.Contains("second:after") && sink.Seen.Contains("echo:after:a,b"));
        Assert.Contains(sink.Seen, s => s == "echo:boom:a,b");
        // The safe subscriber's failure goes to its app's logger; the rude one's reaches the rude app's HaContext, which
        // logs it on that app's own queue, so it is waited for.
        Assert.Contains(logs.GetSnapshot(), r => r is { Level: LogLevel.Error, Exception: InvalidOperationException { Message: "observer failure on purpose" } }
                                                 && r.Category == typeof(SecondApp).FullName);
        await WaitUntil(() => logs.GetSnapshot().Any(r => r is { Level: LogLevel.Error, Exception: InvalidOperationException { Message: "rude failure on purpose" } }
                                                          && r.Category == typeof(HaContext).FullName));
        await host.StopAsync();
    }

    [Fact]
    public async Task Stopping_disposes_each_app_and_ends_its_subscriptions()
    {
        await using var fake = await HomeAssistantFake.StartAsync();
        var (host, sink, _) = await StartHostAsync(fake, EchoYaml, typeof(EchoApp));
        var runtime = host.Services.GetRequiredService<AppRuntime>();
        fake.SetState("sensor.watched", "before-stop");
        await WaitUntil(() => sink.Seen.Count == 1);
        Assert.Equal(1, fake.EntitySubscriptionCount);
        await host.StopAsync();
        host.Dispose();
        Assert.Equal(["echo"], sink.Disposed);
        Assert.Equal(AppState.Stopped, runtime.Apps.Single().State);
        // HA drops a subscription only with its connection; once that is gone, no later change can reach the app.
        await WaitUntil(() => fake.ConnectedClients == 0);
        Assert.Equal(0, fake.EntitySubscriptionCount);
        Assert.Equal(["echo:before-stop:a,b"], sink.Seen);
    }

    [Fact]
    public async Task A_config_key_the_app_does_not_know_fails_that_app_with_the_key_named()
    {
        await using var fake = await HomeAssistantFake.StartAsync();
        var (host, _, _) = await StartHostAsync(fake, EchoYaml + "\n  Sensr: typo\n", typeof(EchoApp));
        using var _h = host;
        var status = host.Services.GetRequiredService<AppRuntime>().Apps.Single();
        Assert.Equal(AppState.Failed, status.State);
        Assert.Contains("Sensr", status.Error);
        await host.StopAsync();
    }

    [Fact]
    public async Task Fifty_reconnects_keep_every_app_with_exactly_one_live_subscription()
    {
        await using var fake = await HomeAssistantFake.StartAsync();
        var (host, sink, _) = await StartHostAsync(fake, EchoYaml, typeof(EchoApp), typeof(SecondApp));
        using var _ = host;
        var client = host.Services.GetRequiredService<Client.HomeAssistantClient>();
        for (var i = 1; i <= 50; i++)
        {
            fake.DropConnections();
            await WaitUntil(() => client.IsConnected && client.ConnectionCount == i + 1);
        }
        // Each app gets its events in HA's order, so a duplicate subscription's copy of the first change arrives before
        // the marker does.
        fake.SetState("sensor.watched", "after-50");
        fake.SetState("sensor.watched", "marker");
        await WaitUntil(() => sink.Seen.Contains("echo:marker:a,b") && sink.Seen.Contains("second:marker"));
        Assert.Equal(["echo:after-50:a,b", "echo:marker:a,b"], sink.Seen.Where(s => s.StartsWith("echo:")));
        Assert.Equal(["second:after-50", "second:marker"], sink.Seen.Where(s => s.StartsWith("second:")));
        Assert.All(host.Services.GetRequiredService<AppRuntime>().Apps, a => Assert.Equal(AppState.Running, a.State));
        await host.StopAsync();
    }

    [Fact]
    public async Task A_refused_token_stops_the_host_and_no_log_line_holds_the_token()
    {
        await using var fake = await HomeAssistantFake.StartAsync(token: "the-right-one");
        var logs = new FakeLoggerProvider();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Trace);
        builder.Services.AddSingleton(new AppSink());
        builder.Services.AddHomeAssistantApps(ConnectedClient.FastOptions(fake) with { Token = "s3cr3t-token-value" }, new AppCatalog([typeof(SecondApp)]));
        using var host = builder.Build();
        await host.RunAsync().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(2, Environment.ExitCode);
        Assert.Contains(logs.Collector.GetSnapshot(), r => r.Level == LogLevel.Critical && r.Category == typeof(HomeAssistantConnectionService).FullName);
        Assert.DoesNotContain("s3cr3t-token-value", logs.Collector.AllText());
        Environment.ExitCode = 0;
    }

    [Fact]
    public void Invalid_yaml_names_the_file_and_line()
    {
        var error = Assert.Throws<InvalidOperationException>(() => YamlAppConfiguration.Flatten("a:\n  b: [1, 2\n", "apps/x.yaml").ToList());
        Assert.Contains("apps/x.yaml", error.Message);
        Assert.Contains("line", error.Message);
    }
}

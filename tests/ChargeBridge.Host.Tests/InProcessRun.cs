using ChargeBridge.Core.Simulation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace ChargeBridge.Host.Tests;

/// <summary>`run` composed in the test's process as the verb composes it, on the test's clock, with every log message kept.</summary>
internal static class InProcessRun
{
    /// <param name="addSources">Adds the configuration sources (a settings file, the home's keys in memory …).</param>
    public static IHost Build(TimeProvider clock, Action<IConfigurationManager> addSources, FakeLoggerProvider logs)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Services.AddSingleton(clock);
        var errors = new StringWriter();
        var options = AppHost.Validate(builder.Configuration, () => addSources(builder.Configuration), _ => null, errors);
        Assert.True(options is not null, errors.ToString());
        return AppHost.Build(builder, options, LogLevel.Information,
            logging => logging.AddProvider(logs).AddFilter<FakeLoggerProvider>(null, LogLevel.Trace));
    }

    /// <summary>Moves <paramref name="clock"/> a second at a time until <paramref name="condition"/> holds. Everything in
    /// this host runs on that clock, the HA client's command timeouts and the driver's request timeouts too: a second
    /// stays well inside them even on a loaded machine, where one long jump would time out whatever is in flight.</summary>
    public static async Task AdvanceUntilAsync(VirtualClock clock, Func<bool> condition, string what, TimeSpan? limit = null)
    {
        using var deadline = new CancellationTokenSource(limit ?? TimeSpan.FromSeconds(90));
        while (!condition())
        {
            if (deadline.IsCancellationRequested) throw new TimeoutException("gave up waiting for " + what);
            clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(20, CancellationToken.None);
        }
    }
}

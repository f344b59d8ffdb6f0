using ChargeBridge.Tests;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChargeBridge.Host.Tests;

/// <summary>`run` composed in the test's process as the verb composes it, on the test's clock, with every log message kept.</summary>
internal static class InProcessRun
{
    /// <param name="addSources">Adds the configuration sources (a settings file, the home's keys in memory …).</param>
    public static IHost Build(TimeProvider clock, Action<IConfigurationManager> addSources, CapturingLoggerProvider logs)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Services.AddSingleton(clock);
        var errors = new StringWriter();
        var options = AppHost.Validate(builder.Configuration, () => addSources(builder.Configuration), _ => null, errors);
        Assert.True(options is not null, errors.ToString());
        return AppHost.Build(builder, options, LogLevel.Information,
            logging => logging.AddProvider(logs).AddFilter<CapturingLoggerProvider>(null, LogLevel.Trace));
    }
}

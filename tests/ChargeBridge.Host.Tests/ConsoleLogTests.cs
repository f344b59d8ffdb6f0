using System.Globalization;
using ChargeBridge.HassModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace ChargeBridge.Host.Tests;

/// <summary>The console log `run` writes.</summary>
public sealed class ConsoleLogTests
{
    [Fact]
    public void A_console_timestamp_carries_its_UTC_offset()
    {
        // The machine's zone may differ from HA's, in which the plan times of the same lines are written.
        using var host = AppHost.Build(Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(), new HomeAssistantOptions { Token = "t" });
        var format = host.Services.GetRequiredService<IOptionsMonitor<SimpleConsoleFormatterOptions>>().CurrentValue.TimestampFormat;
        Assert.NotNull(format);

        var at = new DateTimeOffset(2026, 1, 15, 8, 14, 3, TimeSpan.FromHours(5.5));
        var read = DateTimeOffset.ParseExact(at.ToString(format, CultureInfo.InvariantCulture).Trim(), format.Trim(), CultureInfo.InvariantCulture);
        Assert.Equal((at.TimeOfDay, at.Offset), (read.TimeOfDay, read.Offset));
    }
}

using System.Globalization;
using System.Text.Json.Nodes;
using ChargeBridge.HassModel.Fake;

namespace ChargeBridge.Bench;

/// <summary>Resident memory of the `chargebridge run` process connected to an HA fake holding 1,000 entities and
/// idle for a while; baseline in the same run: the same process against a fake holding one entity.</summary>
internal sealed class HostIdleMemoryBenchmark : IBenchmark
{
    public string Name => "host-idle-rss";

    public async Task RunAsync(string[] args)
    {
        var idle = TimeSpan.FromSeconds(args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 60);
        var baseline = await MeasureAsync(1, idle);
        var loaded = await MeasureAsync(1000, idle);
        Console.WriteLine($"| entities | idle (s) | host RSS (MB) |");
        Console.WriteLine($"|---|---|---|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| 1 (baseline) | {idle.TotalSeconds:0} | {baseline:0.0} |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| 1000 | {idle.TotalSeconds:0} | {loaded:0.0} |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio 1000 / baseline: {loaded / baseline:0.00}"));
    }

    /// <param name="settings">More environment for the host (the MQTT broker …).</param>
    internal static async Task<double> MeasureAsync(int entities, TimeSpan idle, IReadOnlyDictionary<string, string>? settings = null)
    {
        await using var fake = await HomeAssistantFake.StartAsync(token: Guid.NewGuid().ToString("N"));
        fake.SetStates(Enumerable.Range(0, entities).Select(i => ($"sensor.e{i}", (i * 1.5).ToString(CultureInfo.InvariantCulture),
            (JsonObject?)new JsonObject { ["unit_of_measurement"] = "W", ["device_class"] = "power", ["friendly_name"] = $"Meter {i}" })));
        // `run` refuses to start without a charger address; one where nothing listens keeps the V2G app waiting for it.
        var environment = new Dictionary<string, string>
        {
            ["ChargeBridge.Apps.V2G.V2GConfig__ChargerHost"] = "127.0.0.1",
            ["ChargeBridge.Apps.V2G.V2GConfig__ChargerPort"] = "9",
            ["ChargeBridge.Apps.V2G.V2GConfig__DataFolder"] = Path.Combine(Path.GetTempPath(), "chargebridge-idle-rss"),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) environment[key] = value;
        using var host = HostProcess.Start(["run"], fake, environment);
        try
        {
            while (fake.EntitySubscriptionCount == 0)
            {
                if (host.HasExited) throw new InvalidOperationException($"the host exited with {host.ExitCode}");
                await Task.Delay(50);
            }
            await Task.Delay(idle);
            return Stats.ResidentMegabytes(host.Id);
        }
        finally
        {
            await HostProcess.StopAsync(host);
        }
    }
}

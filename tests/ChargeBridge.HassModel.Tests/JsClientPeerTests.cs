using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChargeBridge.HassModel.Fake;
using ChargeBridge.Tests;

namespace ChargeBridge.HassModel.Tests;

/// <summary>HA's official JavaScript client (home-assistant-js-websocket on Node) against our HA fake.</summary>
public class JsClientPeerTests
{
    [Fact]
    public async Task The_official_client_connects_subscribes_sees_later_changes_and_the_effect_of_its_service_call()
    {
        var peers = Path.Combine(RepoPaths.Root, "tests", "peers");
        Assert.True(Directory.Exists(Path.Combine(peers, "node_modules", "home-assistant-js-websocket")),
            "peer missing: run ./test.sh (it installs the npm packages of tests/peers)");

        await using var fake = await HomeAssistantFake.StartAsync();
        fake.SetState("sensor.grid_power", "1523.4", new JsonObject { ["unit_of_measurement"] = "W" });
        fake.SetState("input_boolean.ev_boost", "off");

        var start = new ProcessStartInfo("node", ["ha-js-client.mjs", fake.HttpUri.ToString().TrimEnd('/'), fake.Token, "sensor.grid_power", "input_boolean.ev_boost"])
        {
            WorkingDirectory = peers,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var node = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var steps = new List<JsonElement>();
        var stderr = node.StandardError.ReadToEndAsync();
        while (await node.StandardOutput.ReadLineAsync() is { } line)
        {
            var step = JsonDocument.Parse(line).RootElement.Clone();
            steps.Add(step);
            // The first entities update is the initial list; a change after it must reach the client too.
            if (step.GetProperty("step").GetString() == "entities" && steps.Count(s => s.GetProperty("step").GetString() == "entities") == 1)
                fake.SetState("sensor.grid_power", "2100.0", new JsonObject { ["unit_of_measurement"] = "W" });
        }
        await node.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));

        var names = steps.Select(s => s.GetProperty("step").GetString()).ToList();
        Assert.True(node.ExitCode == 0, $"node exited {node.ExitCode}: {string.Join(" ", names)} {await stderr}");
        Assert.Equal("connected", names[0]);
        Assert.Equal(FakeVersion, steps[0].GetProperty("haVersion").GetString());
        var initial = steps.First(s => s.GetProperty("step").GetString() == "entities");
        Assert.Equal("1523.4", initial.GetProperty("sensor").GetString());
        Assert.Equal("W", initial.GetProperty("sensorAttributes").GetProperty("unit_of_measurement").GetString());
        Assert.Contains("sensor-changed", names);
        Assert.Equal("service-seen", names[^1]);
        var call = Assert.Single(fake.ServiceCalls);
        Assert.Equal(("input_boolean", "turn_on", "input_boolean.ev_boost"), (call.Domain, call.Service, call.EntityIds.Single()));
        Assert.Equal("on", fake.GetState("input_boolean.ev_boost")!.State);
    }

    private const string FakeVersion = HomeAssistantFake.HaVersion;
}

using System.Text.Json.Nodes;

namespace ChargeBridge.Host.Tests;

/// <summary>The runtime settings the soak benchmark measured the host's memory with (docs/BENCHMARKS.md, "Soak: memory over time").</summary>
public sealed class RuntimeConfigTests
{
    [Fact]
    public void The_host_runs_without_tiered_compilation_so_its_code_does_not_grow_as_paths_get_hot()
    {
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "chargebridge.runtimeconfig.json")))!;
        Assert.False(config["runtimeOptions"]?["configProperties"]?["System.Runtime.TieredCompilation"]?.GetValue<bool>() ?? true,
            "chargebridge.runtimeconfig.json does not turn tiered compilation off");
    }
}

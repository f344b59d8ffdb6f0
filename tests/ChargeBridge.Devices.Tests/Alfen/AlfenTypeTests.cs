using ChargeBridge.Devices.Registry;
using ChargeBridge.HassModel.Runtime;

namespace ChargeBridge.Devices.Tests.Alfen;

/// <summary>The <c>alfen</c> type's keys: every bad one is named with its fix, none contacts the station.</summary>
public sealed class AlfenTypeTests
{
    private static IReadOnlyList<ConfigProblem> Validate(params (string Key, string Value)[] keys) =>
        DeviceRegistry.Default.Validate(new DeviceSpec("alfen", keys.Select(k => new KeyValuePair<string, string>(k.Key, k.Value))), DeviceKind.Charger);

    [Fact]
    public void Only_the_host_is_needed()
    {
        Assert.Empty(Validate(("Host", "192.168.1.50")));
        Assert.Contains(DeviceRegistry.Default.ChargerTypes, t => t.Name == "alfen");
    }

    [Fact]
    public void Every_bad_key_is_named()
    {
        var problems = Validate(("UnitId", "200"), ("Phases", "2"), ("MinCurrentA", "20"), ("MaxCurrentA", "10"), ("PhaseSwitching", "yes"), ("Socket", "left"));
        Assert.Equal(["Host", "MinCurrentA", "PhaseSwitching", "Phases", "Socket", "UnitId"], problems.Select(p => p.Key).Order());
    }

    [Fact]
    public void A_validity_time_shorter_than_two_polls_is_refused()
    {
        var problem = Assert.Single(Validate(("Host", "alfen.local"), ("ValidityS", "30"), ("PollS", "20")));
        Assert.Equal("ValidityS", problem.Key);
        Assert.Contains("twice PollS", problem.Fix);
    }
}

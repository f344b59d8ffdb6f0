using ChargeBridge.Devices.Registry;
using ChargeBridge.HassModel.Runtime;

namespace ChargeBridge.Devices.Tests.Keba;

/// <summary>The <c>keba</c> type's keys: every bad one is named with its fix, none contacts the station.</summary>
public sealed class KebaTypeTests
{
    private static IReadOnlyList<ConfigProblem> Validate(params (string Key, string Value)[] keys) =>
        DeviceRegistry.Default.Validate(new DeviceSpec("keba", keys.Select(k => new KeyValuePair<string, string>(k.Key, k.Value))), DeviceKind.Charger);

    [Fact]
    public void Only_the_host_is_needed()
    {
        Assert.Empty(Validate(("Host", "192.168.1.40")));
        Assert.Contains(DeviceRegistry.Default.ChargerTypes, t => t.Name == "keba");
    }

    [Fact]
    public void Every_bad_key_is_named()
    {
        var problems = Validate(("Port", "70000"), ("UnitId", "0"), ("Phases", "2"), ("MinCurrentA", "12"), ("MaxCurrentA", "10"),
            ("FailsafeCurrentA", "3"), ("PhaseSwitching", "maybe"), ("Colour", "red"));
        Assert.Equal(["Colour", "FailsafeCurrentA", "Host", "MinCurrentA", "PhaseSwitching", "Phases", "Port", "UnitId"], problems.Select(p => p.Key).Order());
        Assert.Contains(problems, p => p.Key == "FailsafeCurrentA" && p.Fix.Contains("0 (stop) or 6 A"));
    }

    [Fact]
    public void A_failsafe_timeout_shorter_than_two_polls_is_refused()
    {
        var problem = Assert.Single(Validate(("Host", "keba.local"), ("FailsafeTimeoutS", "30"), ("PollS", "20")));
        Assert.Equal("FailsafeTimeoutS", problem.Key);
        Assert.Contains("twice PollS", problem.Fix);
    }

    [Fact]
    public void A_url_is_not_a_host()
    {
        var problem = Assert.Single(Validate(("Host", "http://192.168.1.40/")));
        Assert.Equal("Host", problem.Key);
    }
}

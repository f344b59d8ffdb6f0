using ChargeBridge.Devices.NrgKick;
using ChargeBridge.Devices.Registry;

namespace ChargeBridge.Devices.Tests.NrgKick;

public sealed class NrgKickTypeTests
{
    private static DeviceBuild<ChargeBridge.Core.Chargers.ICharger> Build(params (string Key, string Value)[] keys)
    {
        var section = new Dictionary<string, string> { ["Type"] = "nrgkick" };
        foreach (var (key, value) in keys) section[key] = value;
        return DeviceRegistry.Default.Charger(DeviceSpec.From(section), new DeviceContext(TimeProvider.System));
    }

    [Fact]
    public void The_registry_finds_the_type_by_itself()
    {
        Assert.Contains(DeviceRegistry.Default.ChargerTypes, t => t is NrgKickType { Name: "nrgkick" });
        var build = Build(("Host", "192.0.2.7"), ("Password", "1234"));
        Assert.Empty(build.Problems);
        Assert.IsType<NrgKickCharger>(build.Device);
    }

    [Fact]
    public void Host_and_password_are_required()
    {
        var problems = Build().Problems;
        Assert.Contains(problems, p => p.Key == "Host" && p.Fix.Contains("IP address"));
        Assert.Contains(problems, p => p.Key == "Password" && p.Fix.Contains("PasswordFile"));
    }

    [Fact]
    public void Currents_outside_6_to_16_A_and_bad_keys_are_problems()
    {
        var problems = Build(("Host", "http://kick/"), ("Password", "1234"), ("MaxCurrentA", "20"), ("MinCurrentA", "4"), ("Attemps", "2")).Problems;
        Assert.Contains(problems, p => p.Key == "Host" && p.Fix.Contains("without http://"));
        Assert.Contains(problems, p => p.Key == "MaxCurrentA" && p.Fix.Contains("from 6 to 16"));
        Assert.Contains(problems, p => p.Key == "MinCurrentA" && p.Fix.Contains("from 6 to 16"));
        Assert.Contains(problems, p => p.Key == "Attemps" && p.Fix.Contains("not a key"));
        Assert.Contains(problems, p => p.Key == "MinCurrentA" && Build(("Host", "kick"), ("Password", "1"), ("MinCurrentA", "12"), ("MaxCurrentA", "10")).Problems.Any(q => q.Fix.Contains("above MaxCurrentA")));
    }

    [Fact]
    public void The_password_can_come_from_a_file_and_problems_never_show_it()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "file-secret-99\n");
            Assert.Empty(Build(("Host", "kick"), ("PasswordFile", path)).Problems);
            Assert.Empty(Build(("Host", "kick"), ("PasswordFile", path), ("Password", "file-secret-99")).Problems); // the host's secret files did it

            var both = Build(("Host", "kick"), ("PasswordFile", path), ("Password", "other-secret-11")).Problems;
            var problem = Assert.Single(both);
            Assert.Contains("both set", problem.Fix);
            Assert.DoesNotContain("secret", problem.Fix);

            var missing = Assert.Single(Build(("Host", "kick"), ("PasswordFile", path + ".gone")).Problems);
            Assert.Equal("PasswordFile", missing.Key);
            Assert.Contains(path + ".gone", missing.Fix);
        }
        finally
        {
            File.Delete(path);
        }
    }
}

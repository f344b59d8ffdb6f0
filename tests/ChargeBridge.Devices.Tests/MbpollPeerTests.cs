using System.Text.RegularExpressions;
using ChargeBridge.Devices.Quasar;
using ChargeBridge.Tests;

namespace ChargeBridge.Devices.Tests;

/// <summary>The simulator's Modbus server against mbpoll (Debian), a Modbus client we did not write.</summary>
public sealed partial class MbpollPeerTests : IAsyncLifetime
{
    private QuasarSimulator _sim = null!;

    public async Task InitializeAsync() => _sim = await QuasarSimulator.StartAsync();
    public async Task DisposeAsync() => await _sim.DisposeAsync();

    private async Task<string> Mbpoll(ushort address, int count, params string[] write)
    {
        string[] countArgs = write.Length == 0 ? ["-c", count.ToString()] : [];
        string[] args = ["-m", "tcp", "-a", "1", "-t", "4", "-0", "-1", "-o", "5", "-r", address.ToString(), .. countArgs,
            "-p", _sim.Endpoint.Port.ToString(), "127.0.0.1", .. write];
        var (code, output) = await PeerProcess.RunAsync("mbpoll", "Debian package mbpoll", args);
        Assert.True(code == 0, $"mbpoll exited {code}: {output}");
        return output;
    }

    private async Task<int[]> Read(ushort address, int count) =>
        RegisterLine().Matches(await Mbpoll(address, count)).Select(m => int.Parse(m.Groups[2].Value)).ToArray();

    [Fact]
    public async Task Mbpoll_reads_the_quasar_registers()
    {
        Assert.Equal(new[] { 6, 1, 57920 }, await Read(1, 3)); // serial 123456 = 1 * 65536 + 57920
        Assert.Equal(new[] { 7400 }, await Read(514, 1));
        Assert.Equal(17, (await Read(526, 17)).Length);
    }

    [Fact]
    public async Task Mbpoll_takes_control_and_writes_a_negative_set_point()
    {
        await Mbpoll(81, 1, "1");
        await Mbpoll(82, 2, "0", "1"); // two registers at once: function 16
        await Mbpoll(260, 1, "62536"); // mbpoll writes 16-bit registers unsigned: -3000 as two's complement
        Assert.Equal(new[] { 1, 0, 1 }, await Read(81, 3));
        Assert.Equal(new[] { 62536 }, await Read(260, 1));
        var snapshot = _sim.Snapshot();
        Assert.True(snapshot.RemoteControl);
        Assert.Equal(-3000, snapshot.PowerSetPointW);
        Assert.Equal([-3000], _sim.PowerSetPointWrites);
    }

    [Fact]
    public async Task Mbpoll_sees_the_exception_for_a_register_the_quasar_does_not_have()
    {
        var (_, output) = await PeerProcess.RunAsync("mbpoll", "Debian package mbpoll",
            "-m", "tcp", "-a", "1", "-t", "4", "-0", "-1", "-r", "300", "-p", _sim.Endpoint.Port.ToString(), "127.0.0.1");
        Assert.Contains("Illegal data address", output, StringComparison.OrdinalIgnoreCase);
    }

    [GeneratedRegex(@"^\[(\d+)\]:\s+(-?\d+)", RegexOptions.Multiline)]
    private static partial Regex RegisterLine();
}

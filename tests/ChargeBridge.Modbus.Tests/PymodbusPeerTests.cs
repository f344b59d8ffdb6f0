using ChargeBridge.Core.Simulation;
using ChargeBridge.Modbus;
using ChargeBridge.Tests;

namespace ChargeBridge.Modbus.Tests;

/// <summary>Our client against pymodbus's TCP server (Debian python3-pymodbus), a Modbus implementation we did not write.</summary>
public sealed class PymodbusPeerTests : IAsyncLifetime
{
    private readonly VirtualClock _clock = new();
    private PeerProcess _peer = null!;
    private ModbusTcpClient _client = null!;

    public async Task InitializeAsync()
    {
        var script = Path.Combine(AppContext.BaseDirectory, "peers", "pymodbus_server.py");
        (_peer, var port) = await PeerProcess.StartAsync("/usr/bin/python3", "Debian package python3-pymodbus", script);
        _client = new ModbusTcpClient("127.0.0.1", int.Parse(port, System.Globalization.CultureInfo.InvariantCulture), new ModbusClientOptions
        {
            Clock = _clock, RequestTimeout = TimeSpan.FromSeconds(2), ReconnectDelay = TimeSpan.FromSeconds(1),
        });
    }

    public async Task DisposeAsync()
    {
        await _client.DisposeAsync();
        _peer.Dispose();
    }

    [Fact]
    public async Task Every_function_code_works_against_pymodbus()
    {
        Assert.Equal([5, 6, 7], await _client.ReadHoldingRegistersAsync(5, 3));
        Assert.Equal([1098, 1099], await _client.ReadInputRegistersAsync(98, 2));

        await _client.WriteSingleRegisterAsync(20, 0xFFFF);
        await _client.WriteMultipleRegistersAsync(30, [300, 301, 302]);
        Assert.Equal([0xFFFF], await _client.ReadHoldingRegistersAsync(20, 1));
        Assert.Equal([300, 301, 302], await _client.ReadHoldingRegistersAsync(30, 3));

        await _client.WriteSingleCoilAsync(9, true);
        var coils = await _client.ReadCoilsAsync(0, 12);
        Assert.Equal([9], Enumerable.Range(0, 12).Where(i => coils[i]));
        await _client.WriteSingleCoilAsync(9, false);
        Assert.DoesNotContain(true, await _client.ReadCoilsAsync(0, 12));
    }

    [Fact]
    public async Task Pymodbus_exception_responses_become_typed_errors()
    {
        var address = await Assert.ThrowsAsync<ModbusServerException>(() => _client.ReadHoldingRegistersAsync(99, 2));
        Assert.Equal(ModbusExceptionCode.IllegalDataAddress, address.Code);
        var value = await Assert.ThrowsAsync<ModbusServerException>(() => _client.WriteSingleRegisterAsync(10, 1001));
        Assert.Equal(ModbusExceptionCode.IllegalDataValue, value.Code);
        await _client.WriteSingleRegisterAsync(10, 1000);
        Assert.Equal([1000], await _client.ReadHoldingRegistersAsync(10, 1));
    }

    [Fact]
    public async Task A_pymodbus_server_that_stops_answering_times_out_and_is_used_again_when_it_answers()
    {
        Assert.Equal([1], await _client.ReadHoldingRegistersAsync(1, 1));
        await _peer.SignalAsync("STOP");
        try
        {
            var frozen = _client.ReadHoldingRegistersAsync(1, 1);
            _clock.Advance(TimeSpan.FromSeconds(2));
            await Assert.ThrowsAsync<ModbusTimeoutException>(() => frozen);
        }
        finally
        {
            await _peer.SignalAsync("CONT");
        }
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal([2], await _client.ReadHoldingRegistersAsync(2, 1));
    }
}

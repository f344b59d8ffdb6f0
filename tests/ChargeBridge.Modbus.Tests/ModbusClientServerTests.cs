using ChargeBridge.Modbus;

namespace ChargeBridge.Modbus.Tests;

public sealed class ModbusClientServerTests : IAsyncLifetime
{
    private readonly RegisterBank _bank = new();
    private ModbusTcpServer _server = null!;
    private ModbusTcpClient _client = null!;

    public Task InitializeAsync()
    {
        _server = ModbusTcpServer.Start(_bank);
        _client = new ModbusTcpClient("127.0.0.1", _server.Endpoint.Port);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _client.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Every_function_code_round_trips()
    {
        await _client.WriteSingleRegisterAsync(10, 0xBEEF);
        await _client.WriteMultipleRegistersAsync(20, [1, 2, 65535 - 6000]);
        await _client.WriteSingleCoilAsync(3, true);
        await _client.WriteSingleCoilAsync(12, true);

        Assert.Equal([0xBEEF], await _client.ReadHoldingRegistersAsync(10, 1));
        Assert.Equal([1, 2, 59535], await _client.ReadInputRegistersAsync(20, 3));
        var coils = await _client.ReadCoilsAsync(0, 13);
        Assert.Equal(new[] { 3, 12 }, Enumerable.Range(0, 13).Where(i => coils[i]));
        await _client.WriteSingleCoilAsync(3, false);
        Assert.False(_bank.Coils[3]);
        Assert.Equal(new byte[] { 1, 3, 4, 5, 6, 16 }, _bank.Requests.Select(r => r.FunctionCode).Distinct().Order());
    }

    [Fact]
    public async Task Exception_responses_are_typed_and_keep_the_connection()
    {
        var address = await Assert.ThrowsAsync<ModbusServerException>(() => _client.ReadHoldingRegistersAsync(RegisterBank.Size - 1, 2));
        Assert.Equal(ModbusExceptionCode.IllegalDataAddress, address.Code);
        Assert.Equal(ModbusFunctionCode.ReadHoldingRegisters, address.FunctionCode);

        var value = await Assert.ThrowsAsync<ModbusServerException>(() => _client.WriteSingleRegisterAsync(1, RegisterBank.MaxValue + 1));
        Assert.Equal(ModbusExceptionCode.IllegalDataValue, value.Code);

        Assert.Equal([0], await _client.ReadHoldingRegistersAsync(1, 1));
        Assert.Equal(1, _server.ConnectedClients);
    }

    [Fact]
    public async Task Concurrent_requests_are_served_in_the_order_issued()
    {
        var writes = Enumerable.Range(0, 40).Select(i => _client.WriteSingleRegisterAsync((ushort)i, (ushort)(i * 3))).ToArray();
        await Task.WhenAll(writes);

        Assert.Equal(Enumerable.Range(0, 40).Select(i => (ushort)i), _bank.Requests.Select(r => r.Address));
        Assert.Equal(Enumerable.Range(0, 40).Select(i => (ushort)(i * 3)), _bank.Registers.Take(40));
    }

    [Fact]
    public async Task The_server_serves_several_clients_at_once()
    {
        var clients = Enumerable.Range(0, 5).Select(_ => new ModbusTcpClient("127.0.0.1", _server.Endpoint.Port)).ToArray();
        await Task.WhenAll(clients.Select(async (client, n) =>
        {
            for (ushort i = 0; i < 50; i++)
            {
                var address = (ushort)(n * 100 + i);
                await client.WriteSingleRegisterAsync(address, (ushort)(address + 7));
                Assert.Equal([(ushort)(address + 7)], await client.ReadHoldingRegistersAsync(address, 1));
            }
        }));
        Assert.Equal(5, _server.ConnectedClients);
        foreach (var client in clients) await client.DisposeAsync();
    }

    [Fact]
    public async Task The_server_refuses_unknown_functions_and_bad_counts_and_drops_only_a_garbage_connection()
    {
        using var raw = new System.Net.Sockets.TcpClient();
        await raw.ConnectAsync("127.0.0.1", _server.Endpoint.Port);
        var stream = raw.GetStream();

        await stream.WriteAsync(new byte[] { 0, 1, 0, 0, 0, 2, 1, 0x2B });
        Assert.Equal(new byte[] { 0, 1, 0, 0, 0, 3, 1, 0xAB, 1 }, await ReadAsync(stream, 9));

        await stream.WriteAsync(new byte[] { 0, 2, 0, 0, 0, 6, 1, 3, 0, 0, 0, 126 });
        Assert.Equal(new byte[] { 0, 2, 0, 0, 0, 3, 1, 0x83, 3 }, await ReadAsync(stream, 9));

        await stream.WriteAsync("GET / HTTP/1.1\r\n\r\n"u8.ToArray());
        Assert.Equal(0, await stream.ReadAsync(new byte[16]));

        Assert.Equal([0], await _client.ReadHoldingRegistersAsync(0, 1));
    }

    [Fact]
    public async Task A_failing_handler_answers_server_device_failure_and_the_server_goes_on()
    {
        _bank.Override = r => r.Address == 13 ? throw new InvalidOperationException("broken device model") : null;
        var error = await Assert.ThrowsAsync<ModbusServerException>(() => _client.ReadHoldingRegistersAsync(13, 1));
        Assert.Equal(ModbusExceptionCode.ServerDeviceFailure, error.Code);
        Assert.Equal([0], await _client.ReadHoldingRegistersAsync(12, 1));
    }

    [Fact]
    public async Task Counts_outside_the_protocol_are_refused_before_sending()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _client.ReadHoldingRegistersAsync(0, 0));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _client.ReadInputRegistersAsync(0, 126));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _client.ReadCoilsAsync(0, 2001));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _client.WriteMultipleRegistersAsync(0, new ushort[124]));
        Assert.Empty(_bank.Requests);
    }

    private static async Task<byte[]> ReadAsync(Stream stream, int count)
    {
        var buffer = new byte[count];
        await stream.ReadExactlyAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        return buffer;
    }
}

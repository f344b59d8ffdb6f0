using ChargeBridge.Core.Simulation;
using ChargeBridge.Modbus;
using ChargeBridge.Tests;

namespace ChargeBridge.Modbus.Tests;

/// <summary>Broken devices: each fault gives a clear error, never a hang, and the next request works on a new connection.</summary>
public sealed class ModbusClientFaultTests
{
    private static readonly byte[] OneRegister = [3, 2, 0x12, 0x34];
    private readonly VirtualClock _clock = new();

    private ModbusTcpClient ClientFor(RawDevice device) => new("127.0.0.1", device.Port, new ModbusClientOptions
    {
        Clock = _clock, RequestTimeout = TimeSpan.FromSeconds(3), ReconnectDelay = TimeSpan.FromSeconds(1),
        MaxReconnectDelay = TimeSpan.FromSeconds(4),
    });

    private static byte[] Good(byte[] request) => RawDevice.Answer(request, OneRegister);

    public static TheoryData<string, string> BrokenAnswers => new()
    {
        { "wrong transaction id", "transaction id" },
        { "wrong unit id", "unit 9" },
        { "garbage", "garbage" },
        { "truncated pdu", "truncated" },
        { "cut off mid-frame", "truncated frame" },
        { "wrong function", "function code 4" },
        { "closed", "closed the connection" },
    };

    private static byte[] Broken(string kind, byte[] request) => kind switch
    {
        "wrong transaction id" => Tamper(Good(request), 1, b => (byte)(b + 1)),
        "wrong unit id" => Tamper(Good(request), 6, _ => 9),
        "garbage" => "HTTP/1.1 400 Bad Request\r\n\r\n"u8.ToArray(),
        "truncated pdu" => RawDevice.Answer(request, 3, 2, 0x12),
        "cut off mid-frame" => Good(request)[..9],
        "wrong function" => RawDevice.Answer(request, 4, 2, 0, 1),
        _ => [],
    };

    private static byte[] Tamper(byte[] frame, int index, Func<byte, byte> change)
    {
        frame[index] = change(frame[index]);
        return frame;
    }

    [Theory]
    [MemberData(nameof(BrokenAnswers))]
    public async Task A_broken_answer_is_a_clear_error_and_the_client_reconnects(string kind, string message)
    {
        var broken = true;
        await using var device = new RawDevice(request => broken ? Broken(kind, request) : Good(request));
        device.HangUpAfterAnswer = kind == "cut off mid-frame";
        await using var client = ClientFor(device);

        var error = await Assert.ThrowsAnyAsync<ModbusException>(() => client.ReadHoldingRegistersAsync(0, 1));
        Assert.Contains(message, error.Message);
        Assert.IsNotType<ModbusServerException>(error);

        broken = false;
        device.HangUpAfterAnswer = false;
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal([0x1234], await client.ReadHoldingRegistersAsync(0, 1));
        Assert.Equal(2, device.Connections);
    }

    [Fact]
    public async Task Only_one_request_is_on_the_wire_at_a_time()
    {
        var chunks = new System.Collections.Concurrent.ConcurrentBag<int>();
        await using var device = new RawDevice(request =>
        {
            chunks.Add(request.Length); // a pipelining client would let several frames arrive in one read
            return Good(request);
        });
        await using var client = ClientFor(device);
        await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => client.ReadHoldingRegistersAsync(0, 1)));
        Assert.Equal(50, chunks.Count);
        Assert.All(chunks, length => Assert.Equal(12, length));
        Assert.Equal(1, device.Connections);
    }

    [Fact]
    public async Task A_silent_device_times_out_on_the_clock_and_queued_requests_then_run()
    {
        var silent = true;
        await using var device = new RawDevice(request => silent ? null : Good(request));
        await using var client = ClientFor(device);

        var first = client.ReadHoldingRegistersAsync(0, 1);
        var queued = client.ReadHoldingRegistersAsync(0, 1);
        await device.WaitForRequestsAsync(1);
        Assert.False(first.IsCompleted);

        silent = false;
        _clock.Advance(TimeSpan.FromSeconds(3));
        var timeout = await Assert.ThrowsAsync<ModbusTimeoutException>(() => first);
        Assert.Contains("within 3 s", timeout.Message);
        // the queued request meets the reconnect backoff at once rather than hanging
        await Assert.ThrowsAsync<ModbusConnectionException>(() => queued);

        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal([0x1234], await client.ReadHoldingRegistersAsync(0, 1));
    }

    [Fact]
    public async Task Reconnect_backoff_doubles_per_failure_up_to_its_maximum_and_resets_on_success()
    {
        var answer = false;
        await using var device = new RawDevice(request => answer ? Good(request) : []);
        await using var client = ClientFor(device);

        foreach (var expected in new[] { 1, 2, 4, 4 })
        {
            await Assert.ThrowsAsync<ModbusConnectionException>(() => client.ReadHoldingRegistersAsync(0, 1));
            _clock.Advance(TimeSpan.FromSeconds(expected) - TimeSpan.FromMilliseconds(1));
            var early = await Assert.ThrowsAsync<ModbusConnectionException>(() => client.ReadHoldingRegistersAsync(0, 1));
            Assert.Contains("next reconnect attempt", early.Message);
            _clock.Advance(TimeSpan.FromMilliseconds(1));
        }
        answer = true;
        Assert.Equal([0x1234], await client.ReadHoldingRegistersAsync(0, 1));
        answer = false;
        await Assert.ThrowsAsync<ModbusConnectionException>(() => client.ReadHoldingRegistersAsync(0, 1));
        _clock.Advance(TimeSpan.FromSeconds(1));
        await Assert.ThrowsAsync<ModbusConnectionException>(() => client.ReadHoldingRegistersAsync(0, 1));
        Assert.Equal(6, device.Connections);
    }

    [Fact]
    public async Task Cancelling_a_request_in_flight_ends_it_and_the_next_uses_a_fresh_connection()
    {
        var silent = true;
        await using var device = new RawDevice(request => silent ? null : Good(request));
        await using var client = ClientFor(device);
        using var cts = new CancellationTokenSource();

        var pending = client.ReadHoldingRegistersAsync(0, 1, cts.Token);
        await device.WaitForRequestsAsync(1);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending);

        silent = false;
        Assert.Equal([0x1234], await client.ReadHoldingRegistersAsync(0, 1));
        Assert.Equal(2, device.Connections);
    }

    [Fact]
    public void Options_without_a_timeout_or_with_a_backoff_above_its_maximum_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ModbusTcpClient("h", 502, new ModbusClientOptions { RequestTimeout = TimeSpan.Zero }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ModbusTcpClient("h", 502,
            new ModbusClientOptions { ReconnectDelay = TimeSpan.FromSeconds(20), MaxReconnectDelay = TimeSpan.FromSeconds(10) }));
    }

    [Fact]
    public async Task An_unreachable_host_is_a_connection_error()
    {
        var closedPort = ClosedPort.Next();
        await using var client = new ModbusTcpClient("127.0.0.1", closedPort, new ModbusClientOptions { Clock = _clock });
        var error = await Assert.ThrowsAsync<ModbusConnectionException>(() => client.ReadHoldingRegistersAsync(0, 1));
        Assert.Contains($"cannot connect to 127.0.0.1:{closedPort}", error.Message);
    }
}

using System.Net.Sockets;

namespace ChargeBridge.Modbus;

/// <summary>
/// A Modbus TCP client over one persistent connection. Requests run one at a time, the others wait in order.
/// Any broken exchange (timeout, truncated or foreign frame, socket error) drops the connection; the next request
/// reconnects once the backoff after the failure has passed, and fails at once while it has not.
/// </summary>
public sealed class ModbusTcpClient(string host, int port, ModbusClientOptions? options = null) : IAsyncDisposable
{
    private readonly ModbusClientOptions _options = (options ?? new ModbusClientOptions()).Validated();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private TcpClient? _tcp;
    private NetworkStream? _stream;
    private ushort _transactionId;
    private TimeSpan _backoff = TimeSpan.Zero;
    private DateTimeOffset _reconnectNotBefore = DateTimeOffset.MinValue;
    private bool _disposed;

    public string Host { get; } = host;
    public int Port { get; } = port;

    public Task<bool[]> ReadCoilsAsync(ushort address, ushort count, CancellationToken ct = default)
    {
        CheckCount(count, ModbusFunctionCode.MaxReadCoils);
        var request = ModbusPdu.AddressAndWord(ModbusFunctionCode.ReadCoils, address, count);
        return ExchangeAsync(request, pdu => ModbusPdu.ParseBits(pdu, count), ct);
    }

    public Task<ushort[]> ReadHoldingRegistersAsync(ushort address, ushort count, CancellationToken ct = default) =>
        ReadRegistersAsync(ModbusFunctionCode.ReadHoldingRegisters, address, count, ct);

    public Task<ushort[]> ReadInputRegistersAsync(ushort address, ushort count, CancellationToken ct = default) =>
        ReadRegistersAsync(ModbusFunctionCode.ReadInputRegisters, address, count, ct);

    public Task WriteSingleCoilAsync(ushort address, bool value, CancellationToken ct = default) =>
        WriteAsync(ModbusPdu.AddressAndWord(ModbusFunctionCode.WriteSingleCoil, address, value ? (ushort)0xFF00 : (ushort)0), ct);

    public Task WriteSingleRegisterAsync(ushort address, ushort value, CancellationToken ct = default) =>
        WriteAsync(ModbusPdu.AddressAndWord(ModbusFunctionCode.WriteSingleRegister, address, value), ct);

    public Task WriteMultipleRegistersAsync(ushort address, IReadOnlyList<ushort> values, CancellationToken ct = default)
    {
        CheckCount(values.Count, ModbusFunctionCode.MaxWriteRegisters);
        return WriteAsync(ModbusPdu.WriteMultipleRegisters(address, values), ct);
    }

    private Task<ushort[]> ReadRegistersAsync(byte function, ushort address, ushort count, CancellationToken ct)
    {
        CheckCount(count, ModbusFunctionCode.MaxReadRegisters);
        var request = ModbusPdu.AddressAndWord(function, address, count);
        return ExchangeAsync(request, pdu => ModbusPdu.ParseRegisters(pdu, count), ct);
    }

    private Task WriteAsync(byte[] request, CancellationToken ct) =>
        ExchangeAsync(request, response => { ModbusPdu.ExpectEcho(request, response); return true; }, ct);

    private static void CheckCount(int count, int max)
    {
        if (count < 1 || count > max) throw new ArgumentOutOfRangeException(nameof(count), count, $"must be 1..{max}");
    }

    private async Task<T> ExchangeAsync<T>(byte[] request, Func<byte[], T> parse, CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _gate.WaitAsync(ct);
        try
        {
            using var timeout = new CancellationTokenSource(_options.RequestTimeout, _options.Clock);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
            try
            {
                var response = await SendAndReceiveAsync(request, linked.Token);
                var result = parse(response);
                _backoff = TimeSpan.Zero;
                return result;
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !ct.IsCancellationRequested)
            {
                Fail();
                throw new ModbusTimeoutException($"no answer from {Host}:{Port} to function {request[0]} within {_options.RequestTimeout.TotalSeconds:0.###} s");
            }
            catch (OperationCanceledException)
            {
                // The answer may still arrive; a fresh connection keeps it from being taken for the next request's.
                Drop();
                throw;
            }
            catch (ModbusProtocolException)
            {
                Fail();
                throw;
            }
            catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
            {
                Fail();
                throw new ModbusConnectionException($"connection to {Host}:{Port} broke: {e.Message}", e);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<byte[]> SendAndReceiveAsync(byte[] request, CancellationToken ct)
    {
        var stream = await ConnectAsync(ct);
        var transactionId = ++_transactionId;
        await stream.WriteAsync(new MbapFrame(transactionId, _options.UnitId, request).Encode(), ct);
        var frame = await MbapFrame.ReadAsync(stream, ct)
                    ?? throw new IOException("the device closed the connection without answering");
        if (frame.TransactionId != transactionId)
            throw new ModbusProtocolException($"answer carries transaction id {frame.TransactionId}, expected {transactionId}");
        if (frame.UnitId != _options.UnitId)
            throw new ModbusProtocolException($"answer comes from unit {frame.UnitId}, expected {_options.UnitId}");
        var function = frame.Pdu[0];
        if (function == (request[0] | ModbusFunctionCode.ErrorFlag))
        {
            if (frame.Pdu.Length != 2) throw new ModbusProtocolException($"exception response has {frame.Pdu.Length} PDU bytes, expected 2");
            _backoff = TimeSpan.Zero;
            throw new ModbusServerException(request[0], (ModbusExceptionCode)frame.Pdu[1]);
        }
        if (function != request[0]) throw new ModbusProtocolException($"answer has function code {function}, expected {request[0]}");
        return frame.Pdu;
    }

    private async Task<NetworkStream> ConnectAsync(CancellationToken ct)
    {
        if (_stream is not null) return _stream;
        var wait = _reconnectNotBefore - _options.Clock.GetUtcNow();
        if (wait > TimeSpan.Zero)
            throw new ModbusConnectionException($"not connected to {Host}:{Port}; next reconnect attempt in {wait.TotalSeconds:0.#} s");

        var tcp = new TcpClient { NoDelay = true };
        try
        {
            await tcp.ConnectAsync(Host, Port, ct);
        }
        catch (SocketException e)
        {
            tcp.Dispose();
            Fail();
            throw new ModbusConnectionException($"cannot connect to {Host}:{Port}: {e.Message}", e);
        }
        catch
        {
            tcp.Dispose();
            throw;
        }
        _tcp = tcp;
        _stream = tcp.GetStream();
        return _stream;
    }

    private void Fail()
    {
        Drop();
        _backoff = _backoff == TimeSpan.Zero
            ? _options.ReconnectDelay
            : TimeSpan.FromTicks(Math.Min(_backoff.Ticks * 2, _options.MaxReconnectDelay.Ticks));
        _reconnectNotBefore = _options.Clock.GetUtcNow() + _backoff;
    }

    private void Drop()
    {
        _stream?.Dispose();
        _tcp?.Dispose();
        _stream = null;
        _tcp = null;
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        _tcp?.Dispose(); // aborts a request in flight instead of waiting for its timeout
        await _gate.WaitAsync();
        Drop();
        _gate.Release();
    }
}

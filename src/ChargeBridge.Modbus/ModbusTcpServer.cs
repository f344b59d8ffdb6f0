using System.Net;
using System.Net.Sockets;

namespace ChargeBridge.Modbus;

/// <summary>
/// A Modbus TCP server that serves any number of clients, each on its own connection, and hands every well-formed
/// request to an <see cref="IModbusRequestHandler"/>. Malformed requests get the protocol's exception responses;
/// frames that are not Modbus TCP close that client's connection.
/// </summary>
public sealed class ModbusTcpServer : IAsyncDisposable
{
    private readonly IModbusRequestHandler _handler;
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _clients = [];
    private readonly Task _acceptLoop;
    private bool _disposed;

    private ModbusTcpServer(IModbusRequestHandler handler, IPEndPoint endpoint)
    {
        _handler = handler;
        _listener = new TcpListener(endpoint);
        _listener.Start();
        Endpoint = (IPEndPoint)_listener.LocalEndpoint;
        _acceptLoop = AcceptLoopAsync();
    }

    /// <summary>Listens on <paramref name="endpoint"/>, by default 127.0.0.1 on a free port.</summary>
    public static ModbusTcpServer Start(IModbusRequestHandler handler, IPEndPoint? endpoint = null) =>
        new(handler, endpoint ?? new IPEndPoint(IPAddress.Loopback, 0));

    public IPEndPoint Endpoint { get; }

    public int ConnectedClients
    {
        get { lock (_clients) return _clients.Count; }
    }

    private async Task AcceptLoopAsync()
    {
        var connections = new List<Task>();
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                client.NoDelay = true;
                lock (_clients) _clients.Add(client);
                connections.Add(ServeAsync(client));
                connections.RemoveAll(t => t.IsCompleted);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // stopping
        }
        await Task.WhenAll(connections);
    }

    private async Task ServeAsync(TcpClient client)
    {
        try
        {
            var stream = client.GetStream();
            while (await MbapFrame.ReadAsync(stream, _stop.Token) is { } frame)
            {
                var response = Respond(frame);
                if (response is not null) await stream.WriteAsync(response, _stop.Token);
            }
        }
        catch (Exception e) when (e is ModbusProtocolException or IOException or SocketException or OperationCanceledException
                                      or ObjectDisposedException)
        {
            // the client sent garbage, went away, or the server stops: this connection ends, the others go on
        }
        finally
        {
            lock (_clients) _clients.Remove(client);
            client.Dispose();
        }
    }

    private byte[]? Respond(MbapFrame frame)
    {
        var request = Decode(frame.UnitId, frame.Pdu, out var error);
        var reply = request is null ? ModbusReply.Failure(error) : HandleSafely(request);
        var pdu = Encode(frame.Pdu, reply);
        return pdu is null ? null : (frame with { Pdu = pdu }).Encode();
    }

    /// <summary>A failing handler answers "server device failure", as a device would, instead of killing the connection.</summary>
    private ModbusReply HandleSafely(ModbusRequest request)
    {
        try
        {
            return _handler.Handle(request);
        }
        catch (Exception)
        {
            return ModbusReply.Failure(ModbusExceptionCode.ServerDeviceFailure);
        }
    }

    private static ModbusRequest? Decode(byte unit, byte[] pdu, out ModbusExceptionCode error)
    {
        error = ModbusExceptionCode.IllegalDataValue;
        var function = pdu[0];
        if (function is not (ModbusFunctionCode.ReadCoils or ModbusFunctionCode.ReadHoldingRegisters or ModbusFunctionCode.ReadInputRegisters
            or ModbusFunctionCode.WriteSingleCoil or ModbusFunctionCode.WriteSingleRegister or ModbusFunctionCode.WriteMultipleRegisters))
        {
            error = ModbusExceptionCode.IllegalFunction;
            return null;
        }
        if (pdu.Length < 5) return null;
        var address = ModbusPdu.Word(pdu, 1);
        var word = ModbusPdu.Word(pdu, 3);
        switch (function)
        {
            case ModbusFunctionCode.ReadCoils:
                return pdu.Length == 5 && word is >= 1 and <= ModbusFunctionCode.MaxReadCoils ? new ModbusRequest(unit, function, address, word, []) : null;
            case ModbusFunctionCode.ReadHoldingRegisters or ModbusFunctionCode.ReadInputRegisters:
                return pdu.Length == 5 && word is >= 1 and <= ModbusFunctionCode.MaxReadRegisters ? new ModbusRequest(unit, function, address, word, []) : null;
            case ModbusFunctionCode.WriteSingleCoil:
                return pdu.Length == 5 && word is 0xFF00 or 0 ? new ModbusRequest(unit, function, address, 1, [word == 0 ? (ushort)0 : (ushort)1]) : null;
            case ModbusFunctionCode.WriteSingleRegister:
                return pdu.Length == 5 ? new ModbusRequest(unit, function, address, 1, [word]) : null;
            default:
                if (word is < 1 or > ModbusFunctionCode.MaxWriteRegisters || pdu.Length != 6 + 2 * word || pdu[5] != 2 * word) return null;
                var values = new ushort[word];
                for (var i = 0; i < word; i++) values[i] = ModbusPdu.Word(pdu, 6 + 2 * i);
                return new ModbusRequest(unit, function, address, word, values);
        }
    }

    private static byte[]? Encode(byte[] request, ModbusReply reply) => reply switch
    {
        ModbusReply.Registers r => ModbusPdu.Registers(request[0], r.Values),
        ModbusReply.Coils c => ModbusPdu.Bits(request[0], c.Values),
        ModbusReply.Written => request[..5],
        ModbusReply.Error e => ModbusPdu.Error(request[0], e.Code),
        ModbusReply.Truncated t => Encode(request, t.Reply) is { } full ? full[..Math.Clamp(t.PduBytes, 1, full.Length)] : null,
        _ => null,
    };

    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        await _stop.CancelAsync();
        _listener.Stop();
        lock (_clients)
            foreach (var client in _clients) client.Dispose();
        await _acceptLoop;
        _stop.Dispose();
    }
}

using System.Net;
using System.Net.Sockets;

namespace ChargeBridge.Modbus.Tests;

/// <summary>A TCP endpoint that answers each request frame with whatever bytes the test scripts, to imitate broken
/// devices. The script gets the raw request (MBAP header included); null means say nothing.</summary>
internal sealed class RawDevice : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _connections;
    private int _requests;

    public RawDevice(Func<byte[], byte[]?> script)
    {
        Script = script;
        _listener.Start();
        _loop = AcceptAsync();
    }

    public Func<byte[], byte[]?> Script { get; set; }

    /// <summary>Close the connection after each answer, as a device that resets mid-frame.</summary>
    public bool HangUpAfterAnswer { get; set; }
    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;
    public int Connections => Volatile.Read(ref _connections);
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Completes when the device has received <paramref name="count"/> requests in total.</summary>
    public Task WaitForRequestsAsync(int count) => ChargeBridge.Tests.Wait.Until(() => Requests >= count, $"{count} requests");

    /// <summary>A well-formed answer: the request's header with a new PDU.</summary>
    public static byte[] Answer(byte[] request, params byte[] pdu)
    {
        var frame = new byte[7 + pdu.Length];
        request.AsSpan(0, 7).CopyTo(frame);
        frame[4] = (byte)((pdu.Length + 1) >> 8);
        frame[5] = (byte)(pdu.Length + 1);
        pdu.CopyTo(frame, 7);
        return frame;
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                Interlocked.Increment(ref _connections);
                _ = ServeAsync(client);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            var buffer = new byte[300];
            try
            {
                while (true)
                {
                    var n = await stream.ReadAsync(buffer, _stop.Token);
                    if (n == 0) return;
                    Interlocked.Increment(ref _requests);
                    var answer = Script(buffer[..n]);
                    if (answer is null) continue;
                    if (answer.Length == 0) return; // empty answer: hang up
                    await stream.WriteAsync(answer, _stop.Token);
                    if (HangUpAfterAnswer) return;
                }
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
            {
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _loop;
    }
}

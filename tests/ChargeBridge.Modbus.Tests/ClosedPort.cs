using System.Net;
using System.Net.Sockets;

namespace ChargeBridge.Tests;

/// <summary>A loopback port that nothing listens on: it was free a moment ago and is closed again.</summary>
public static class ClosedPort
{
    public static int Next()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

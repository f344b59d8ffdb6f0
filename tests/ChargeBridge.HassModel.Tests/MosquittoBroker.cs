using ChargeBridge.Tests;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ChargeBridge.Tests;

/// <summary>Debian's mosquitto on a free loopback port (for the MQTT tests and the MQTT benchmark), with a generated config (anonymous, no persistence), killed
/// on dispose. Kill and start again on the same port to restart it; it then has no retained messages. With a user,
/// only that user with that password may connect (a password file made by mosquitto_passwd).</summary>
public sealed class MosquittoBroker : IAsyncDisposable
{
    private const string Binary = "/usr/sbin/mosquitto";
    private readonly string _directory;
    private readonly string _configFile;
    private Process? _process;

    private MosquittoBroker(int port, string directory, string access)
    {
        Port = port;
        _directory = directory;
        _configFile = Path.Combine(directory, "mosquitto.conf");
        File.WriteAllText(_configFile, $"listener {port} 127.0.0.1\n{access}\npersistence false\n");
    }

    public int Port { get; }

    public static async Task<MosquittoBroker> StartAsync((string User, string Password)? login = null)
    {
        if (!File.Exists(Binary)) throw new InvalidOperationException($"{Binary} missing: install Debian's mosquitto (./test.sh does)");
        var directory = Directory.CreateTempSubdirectory("mosquitto-").FullName;
        // Started as root, mosquitto reads the password file as its own unprivileged user.
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(directory, File.GetUnixFileMode(directory) | UnixFileMode.GroupRead | UnixFileMode.GroupExecute |
                UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        var access = "allow_anonymous true";
        if (login is var (user, password))
        {
            var passwords = Path.Combine(directory, "passwords");
            using (var tool = Process.Start("mosquitto_passwd", ["-b", "-c", passwords, user, password]))
                await tool.WaitForExitAsync();
            access = $"allow_anonymous false\npassword_file {passwords}";
        }
        var broker = new MosquittoBroker(FreePort(), directory, access);
        await broker.StartAgainAsync();
        return broker;
    }

    public async Task StartAgainAsync()
    {
        var (process, output) = ServerProcess.Start(Binary, "-c", _configFile);
        _process = process;
        // mosquitto listens a moment after it starts; a refused connect on loopback answers at once.
        try
        {
            await Wait.Until(() => Listening() || process.HasExited, $"mosquitto listening on {Port}");
        }
        catch (TimeoutException)
        {
        }
        if (!Listening())
            throw new InvalidOperationException($"mosquitto is not listening on {Port}: {output()}");
    }

    private bool Listening()
    {
        using var probe = new TcpClient();
        try
        {
            probe.Connect(IPAddress.Loopback, Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public async Task KillAsync()
    {
        if (_process is null) return;
        _process.Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

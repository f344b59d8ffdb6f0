using System.Net;
using ChargeBridge.Devices.Registry;

namespace ChargeBridge.Devices.Shelly;

/// <summary>How to reach one Shelly meter: the keys every Shelly type shares. <see cref="Credentials"/> holds the
/// password, so <see cref="ToString"/> names only the endpoint.</summary>
public sealed record ShellyOptions
{
    public required string Host { get; init; }
    public int Port { get; init; } = 80;

    /// <summary>The emeter (Gen1) or EM1 (Pro EM) channel; null sums every channel (Gen1 <c>Channel: all</c>).</summary>
    public int? Channel { get; init; }

    /// <summary>Null when the device has no password set.</summary>
    public NetworkCredential? Credentials { get; init; }

    /// <summary>Flips the sign of power and swaps the import and export counters, for a clamp mounted the other way round.</summary>
    public bool Invert { get; init; }

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);

    public Uri BaseAddress => new UriBuilder(Uri.UriSchemeHttp, Host, Port).Uri;

    /// <summary>Reads the shared keys; a missing or bad key is recorded in <paramref name="spec"/>.</summary>
    public static ShellyOptions Read(DeviceSpec spec)
    {
        var host = spec.Required("Host", "put the Shelly's IP address here (the Shelly app shows it under Device information).");
        if (host.Length > 0 && Uri.CheckHostName(host) == UriHostNameType.Unknown)
            spec.Problem("Host", $"'{host}' is not a host name or IP address: write the address alone, without http:// or a path.");
        var port = spec.Int("Port", 80, 1, 65535);
        var invert = spec.Bool("Invert", false);
        var timeout = spec.Double("TimeoutS", 5, 0.1, 60);
        var password = spec.Text("Password");
        var username = spec.Text("Username", "admin")!;
        if (spec.Text("Username") is not null && password is null)
            spec.Problem("Password", "is empty: a Username needs the device's Password too (or remove Username if the device has none).");
        return new ShellyOptions
        {
            Host = host,
            Port = port,
            Invert = invert,
            Timeout = TimeSpan.FromSeconds(timeout),
            Credentials = password is null ? null : new NetworkCredential(username, password),
        };
    }

    public override string ToString() => $"{Host}:{Port}";
}

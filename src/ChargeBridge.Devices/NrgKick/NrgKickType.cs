using System.Globalization;
using ChargeBridge.Core.Chargers;
using ChargeBridge.Devices.Registry;
using Microsoft.Extensions.Logging;

namespace ChargeBridge.Devices.NrgKick;

/// <summary><c>type: nrgkick</c>: an NRGKICK mobile charger through its Connect's local JSON API.</summary>
public sealed class NrgKickType : IChargerType
{
    public const string TypeName = "nrgkick";

    public string Name => TypeName;

    public string Description => "NRGKICK through its Connect's local JSON API; keys: Host, Port (80), Password or PasswordFile (the device password), " +
                                 "Phases (3), MinCurrentA (6), MaxCurrentA (16), TimeoutS (5), SettleS (20), Attempts (3), PollS (15)";

    public string Hint => "check that the NRGKICK Connect is on your network and its local API is enabled in the NRGKICK app, and the device password (Password or PasswordFile)";

    public ICharger? Create(DeviceSpec spec, DeviceContext context)
    {
        var host = spec.Required("Host", "put the NRGKICK Connect's IP address here (the NRGKICK app shows it).");
        if (host.Length > 0 && Uri.CheckHostName(host) == UriHostNameType.Unknown)
            spec.Problem("Host", $"'{host}' is not a host name or IP address: write the address alone, without http:// or a path.");
        var options = new NrgKickOptions
        {
            Host = host,
            Port = spec.Int("Port", 80, 1, 65535),
            Password = Password(spec),
            Phases = int.Parse(spec.Choice("Phases", "3", "1", "3"), CultureInfo.InvariantCulture),
            MinCurrentA = spec.Int("MinCurrentA", NrgKickOptions.DeviceMinCurrentA, NrgKickOptions.DeviceMinCurrentA, NrgKickOptions.DeviceMaxCurrentA),
            MaxCurrentA = spec.Int("MaxCurrentA", NrgKickOptions.DeviceMaxCurrentA, NrgKickOptions.DeviceMinCurrentA, NrgKickOptions.DeviceMaxCurrentA),
            Timeout = TimeSpan.FromSeconds(spec.Double("TimeoutS", 5, 0.1, 60)),
            SettleTime = TimeSpan.FromSeconds(spec.Double("SettleS", 20, 1, 120)),
            Attempts = spec.Int("Attempts", 3, 1, 10),
            PollInterval = TimeSpan.FromSeconds(spec.Double("PollS", 15, 1, 300)),
            Clock = context.Time,
        };
        if (options.MinCurrentA > options.MaxCurrentA)
            spec.Problem("MinCurrentA", $"({options.MinCurrentA}) is above MaxCurrentA ({options.MaxCurrentA}).");
        if (spec.Problems.Count > 0) return null;
        return new NrgKickCharger(options, context.Http, context.Logging.CreateLogger<NrgKickCharger>());
    }

    /// <summary>The device password from <c>Password</c> or the file <c>PasswordFile</c> names. The host may already
    /// have read that file into <c>Password</c> (its secret files), so the same text in both is no conflict. Problems
    /// name the key and the path, never the password.</summary>
    private static string Password(DeviceSpec spec)
    {
        var password = spec.Text("Password");
        if (spec.Text("PasswordFile") is not { } path)
            return password ?? spec.Required("Password", "put the NRGKICK's device password here, or the path of a file holding it in PasswordFile.");
        string text;
        try
        {
            text = File.ReadAllText(path).TrimEnd('\r', '\n');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            spec.Problem("PasswordFile", $"'{path}' cannot be read: {e.GetType().Name}.");
            return "";
        }
        if (text.Length == 0) spec.Problem("PasswordFile", $"'{path}' is empty: it must hold the NRGKICK's device password.");
        else if (password is not null && password != text) spec.Problem("PasswordFile", "and Password are both set: keep one.");
        return text;
    }
}

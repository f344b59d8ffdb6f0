using System.Globalization;
using ChargeBridge.Core.Chargers;
using ChargeBridge.Devices.Registry;
using Microsoft.Extensions.Logging;

namespace ChargeBridge.Devices.Keba;

/// <summary><c>type: keba</c>: a KEBA KeContact P30 (c- or x-series) or P40 over Modbus TCP.</summary>
public sealed class KebaType : IChargerType
{
    public const string TypeName = "keba";

    public string Name => TypeName;

    public string Description => "KEBA KeContact P30 (c-/x-series) or P40 over Modbus TCP; keys: Host, Port (502), UnitId (255), Phases (3), " +
                                 "MinCurrentA (6), MaxCurrentA (16), PhaseSwitching (false), FailsafeCurrentA (6; 0 stops), FailsafeTimeoutS (60), PollS (10), TimeoutS (3)";

    public string Hint => "check that the KEBA is on your network and that Modbus TCP is enabled on it (the DIP switch on the P30 c-series, the web interface on the x-series and P40)";

    public ICharger? Create(DeviceSpec spec, DeviceContext context)
    {
        var host = spec.Required("Host", "put the KEBA station's IP address here.");
        if (host.Length > 0 && Uri.CheckHostName(host) == UriHostNameType.Unknown)
            spec.Problem("Host", $"'{host}' is not a host name or IP address: write the address alone, without a scheme or a port.");
        var options = new KebaOptions
        {
            Host = host,
            Port = spec.Int("Port", 502, 1, 65535),
            UnitId = (byte)spec.Int("UnitId", 255, 1, 255),
            Phases = int.Parse(spec.Choice("Phases", "3", "1", "3"), CultureInfo.InvariantCulture),
            MinCurrentA = spec.Int("MinCurrentA", 6, 6, 63),
            MaxCurrentA = spec.Int("MaxCurrentA", 16, 6, 63),
            PhaseSwitching = spec.Bool("PhaseSwitching", false),
            FailsafeCurrentA = spec.Int("FailsafeCurrentA", 6, 0, 63),
            FailsafeTimeout = TimeSpan.FromSeconds(spec.Int("FailsafeTimeoutS", 60, 10, 3600)),
            PollInterval = TimeSpan.FromSeconds(spec.Double("PollS", 10, 1, 300)),
            Timeout = TimeSpan.FromSeconds(spec.Double("TimeoutS", 3, 0.1, 60)),
            Clock = context.Time,
        };
        if (options.MinCurrentA > options.MaxCurrentA)
            spec.Problem("MinCurrentA", $"({options.MinCurrentA}) is above MaxCurrentA ({options.MaxCurrentA}).");
        if (options.FailsafeCurrentA is > 0 and < 6)
            spec.Problem("FailsafeCurrentA", $"({options.FailsafeCurrentA}) must be 0 (stop) or 6 A and more: the station takes no current in between.");
        // The heartbeat rides on the poll: two polls must fit in the failsafe timeout, or one late poll trips it.
        if (options.FailsafeTimeout < 2 * options.PollInterval)
            spec.Problem("FailsafeTimeoutS", string.Create(CultureInfo.InvariantCulture, $"({options.FailsafeTimeout.TotalSeconds:0}) must be at least twice PollS ({options.PollInterval.TotalSeconds:0.#})."));
        if (spec.Problems.Count > 0) return null;
        return new KebaCharger(options, context.Logging.CreateLogger<KebaCharger>());
    }
}

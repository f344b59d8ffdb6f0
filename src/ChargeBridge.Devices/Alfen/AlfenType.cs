using System.Globalization;
using ChargeBridge.Core.Chargers;
using ChargeBridge.Devices.Registry;
using Microsoft.Extensions.Logging;

namespace ChargeBridge.Devices.Alfen;

/// <summary><c>type: alfen</c>: an Alfen Eve (Single or Double Pro-line) socket in Modbus TCP slave mode.</summary>
public sealed class AlfenType : IChargerType
{
    public const string TypeName = "alfen";

    public string Name => TypeName;

    public string Description => "Alfen Eve (Single/Double Pro-line) in Modbus TCP slave mode; keys: Host, Port (502), UnitId (1; 2 the right socket), Phases (3), " +
                                 "MinCurrentA (6), MaxCurrentA (16), PhaseSwitching (false), ValidityS (60, as set on the station), PollS (10), TimeoutS (3)";

    public string Hint => "check that the Alfen is on your network with Active Load Balancing set to Energy Management System, Modbus TCP/IP EMS in Socket mode, " +
                          "and reading and writing maximum currents allowed (Alfen's service installer app)";

    public ICharger? Create(DeviceSpec spec, DeviceContext context)
    {
        var host = spec.Required("Host", "put the Alfen's IP address here.");
        if (host.Length > 0 && Uri.CheckHostName(host) == UriHostNameType.Unknown)
            spec.Problem("Host", $"'{host}' is not a host name or IP address: write the address alone, without a scheme or a port.");
        var options = new AlfenOptions
        {
            Host = host,
            Port = spec.Int("Port", 502, 1, 65535),
            UnitId = (byte)spec.Int("UnitId", 1, 1, 2),
            Phases = int.Parse(spec.Choice("Phases", "3", "1", "3"), CultureInfo.InvariantCulture),
            MinCurrentA = spec.Int("MinCurrentA", 6, 6, 32),
            MaxCurrentA = spec.Int("MaxCurrentA", 16, 6, 32),
            PhaseSwitching = spec.Bool("PhaseSwitching", false),
            ValidityTime = TimeSpan.FromSeconds(spec.Int("ValidityS", 60, 10, 3600)),
            PollInterval = TimeSpan.FromSeconds(spec.Double("PollS", 10, 1, 300)),
            Timeout = TimeSpan.FromSeconds(spec.Double("TimeoutS", 3, 0.1, 60)),
            Clock = context.Time,
        };
        if (options.MinCurrentA > options.MaxCurrentA)
            spec.Problem("MinCurrentA", $"({options.MinCurrentA}) is above MaxCurrentA ({options.MaxCurrentA}).");
        // The set point is re-written on every poll: two polls must fit in the validity time, or one late poll lets it lapse.
        if (options.ValidityTime < 2 * options.PollInterval)
            spec.Problem("ValidityS", string.Create(CultureInfo.InvariantCulture,
                $"({options.ValidityTime.TotalSeconds:0}) must be at least twice PollS ({options.PollInterval.TotalSeconds:0.#}): lower PollS, or raise the validity time on the station and here."));
        if (spec.Problems.Count > 0) return null;
        return new AlfenCharger(options, context.Logging.CreateLogger<AlfenCharger>());
    }
}

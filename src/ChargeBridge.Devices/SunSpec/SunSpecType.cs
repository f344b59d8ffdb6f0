using ChargeBridge.Core.Meters;
using ChargeBridge.Devices.Registry;
using Microsoft.Extensions.Logging;

namespace ChargeBridge.Devices.SunSpec;

/// <summary><c>type: sunspec</c>: a SunSpec inverter or meter over Modbus TCP (integer + scale factor models).</summary>
public sealed class SunSpecType : IMeterType
{
    public string Name => "sunspec";

    public string Description =>
        "SunSpec inverter (models 101-103) or meter (201-204) over Modbus TCP; keys: Host, Port (502), UnitId (1), Model (auto|inverter|meter), Invert (false), TimeoutS (3)";

    public string Hint =>
        "check that Modbus TCP is enabled on the device (SolarEdge: in SetApp, often port 1502; Fronius: 'int + SF' model type), the port and the unit id, and that no other client holds its one connection";

    public IMeter? Create(DeviceSpec spec, DeviceContext context)
    {
        var options = new SunSpecDriverOptions
        {
            Host = spec.Required("Host", "put the inverter's or meter's IP address here (Modbus TCP enabled on it)."),
            Port = spec.Int("Port", 502, 1, 65535),
            UnitId = (byte)spec.Int("UnitId", 1, 0, 255),
            Model = Enum.Parse<SunSpecModelChoice>(spec.Choice("Model", "auto", "auto", "inverter", "meter"), ignoreCase: true),
            Invert = spec.Bool("Invert", false),
            RequestTimeout = TimeSpan.FromSeconds(spec.Double("TimeoutS", 3, 0.1, 60)),
            Clock = context.Time,
            Logger = context.Logging.CreateLogger<SunSpecDriver>(),
        };
        return spec.Problems.Count == 0 ? new SunSpecDriver(options) : null;
    }
}

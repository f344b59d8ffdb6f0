using ChargeBridge.Core.Meters;
using ChargeBridge.Devices.Registry;

namespace ChargeBridge.Devices.Shelly;

/// <summary><c>type: shelly-proem</c>: one channel of a Shelly Pro EM (Gen2 or later), read over its RPC API.</summary>
public sealed class ShellyProEmType : IMeterType
{
    public const string TypeName = "shelly-proem";

    public string Name => TypeName;

    public string Description => "Shelly Pro EM (Gen2+) over HTTP RPC, one channel; keys: Host, Port (80), Channel (0; 0 or 1), Username (admin), Password, Invert (false), TimeoutS (5)";

    public string Hint => "check that the Shelly is on and on your network (open http://<Host>/rpc/EM1.GetStatus?id=0 in a browser), which clamp Channel is, and Password if authentication is enabled";

    public IMeter? Create(DeviceSpec spec, DeviceContext context)
    {
        var options = ShellyOptions.Read(spec) with { Channel = spec.Int("Channel", 0, 0, 1) };
        return spec.Problems.Count == 0 ? new ShellyProEmMeter(options, context) : null;
    }
}

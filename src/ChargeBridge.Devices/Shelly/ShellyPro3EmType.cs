using ChargeBridge.Core.Meters;
using ChargeBridge.Devices.Registry;

namespace ChargeBridge.Devices.Shelly;

/// <summary><c>type: shelly-pro3em</c>: a Shelly Pro 3EM (Gen2 or later, triphase profile), read over its RPC API.</summary>
public sealed class ShellyPro3EmType : IMeterType
{
    public const string TypeName = "shelly-pro3em";

    public string Name => TypeName;

    public string Description => "Shelly Pro 3EM (Gen2+, triphase profile) over HTTP RPC; keys: Host, Port (80), Username (admin), Password, Invert (false), TimeoutS (5)";

    public string Hint => "check that the Shelly is on and on your network (open http://<Host>/rpc/EM.GetStatus?id=0 in a browser), that its profile is triphase, and Password if authentication is enabled";

    public IMeter? Create(DeviceSpec spec, DeviceContext context)
    {
        var options = ShellyOptions.Read(spec);
        if (spec.Text("Channel") is not null)
            spec.Problem("Channel", "does not apply: the Pro 3EM reads the sum of its three phases (remove Channel).");
        return spec.Problems.Count == 0 ? new ShellyPro3EmMeter(options, context) : null;
    }
}

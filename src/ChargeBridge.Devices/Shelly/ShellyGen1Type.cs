using System.Globalization;
using ChargeBridge.Core.Meters;
using ChargeBridge.Devices.Registry;

namespace ChargeBridge.Devices.Shelly;

/// <summary><c>type: shelly-gen1</c>: a Gen1 Shelly EM (two channels) or 3EM (three), read over its HTTP API.</summary>
public sealed class ShellyGen1Type : IMeterType
{
    public const string TypeName = "shelly-gen1";

    public string Name => TypeName;

    public string Description => "Shelly EM / 3EM (Gen1) over HTTP; keys: Host, Port (80), Channel (0; 0-2, or all to sum them), Username (admin), Password, Invert (false), TimeoutS (5)";

    public string Hint => "check that the Shelly is on and on your network (open http://<Host>/status in a browser), that Channel exists on this model, and Username/Password if the device has restricted login";

    public IMeter? Create(DeviceSpec spec, DeviceContext context)
    {
        var options = ShellyOptions.Read(spec) with { Channel = Channel(spec) };
        return spec.Problems.Count == 0 ? new ShellyGen1Meter(options, context) : null;
    }

    // Null means all channels summed.
    private static int? Channel(DeviceSpec spec)
    {
        var text = spec.Text("Channel", "0")!;
        if (string.Equals(text, "all", StringComparison.OrdinalIgnoreCase)) return null;
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var channel) && channel is >= 0 and <= 2) return channel;
        spec.Problem("Channel", $"must be 0, 1, 2 or all, not '{text}'.");
        return 0;
    }
}

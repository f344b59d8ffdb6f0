using ChargeBridge.Core.Chargers;
using ChargeBridge.Core.Units;
using ChargeBridge.Devices.Registry;

namespace ChargeBridge.Devices.Quasar;

/// <summary><c>type: quasar</c>: a Wallbox Quasar over Modbus TCP (enable Modbus in the Wallbox app).</summary>
public sealed class QuasarType : IChargerType
{
    public string Name => "quasar";

    public string Description => "Wallbox Quasar (bidirectional) over Modbus TCP; keys: Host, Port (502), UnitId (1), MaxChargePowerW, MaxDischargePowerW (7400), AcquireSocOnPlugIn (true)";

    public string Hint => "check that the Quasar is on and on your network, that Modbus TCP is enabled in the Wallbox app, and that no charging schedule in the Wallbox app holds it";

    public ICharger? Create(DeviceSpec spec, DeviceContext context)
    {
        var options = new QuasarDriverOptions
        {
            Host = spec.Required("Host", "put the Wallbox Quasar's IP address here (Modbus TCP enabled in the Wallbox app)."),
            Port = spec.Int("Port", 502, 1, 65535),
            UnitId = (byte)spec.Int("UnitId", 1, 1, 247),
            MaxChargePower = Power.FromWatts(spec.Double("MaxChargePowerW", 7400, 1380, 7400)),
            MaxDischargePower = Power.FromWatts(spec.Double("MaxDischargePowerW", 7400, 1380, 7400)),
            AcquireSocOnPlugIn = spec.Bool("AcquireSocOnPlugIn", !context.Interactive),
            Clock = context.Time,
        };
        return spec.Problems.Count == 0 ? new QuasarDriver(options) : null;
    }
}

using ChargeBridge.Core.Chargers;
using ChargeBridge.Core.Units;
using ChargeBridge.Devices.Registry;

namespace ChargeBridge.Devices.Quasar;

/// <summary><c>type: quasar</c>: a Wallbox Quasar over Modbus TCP (enable Modbus in the Wallbox app).</summary>
public sealed class QuasarType : IChargerType
{
    public string Name => "quasar";

    public string Description => "Wallbox Quasar (bidirectional) over Modbus TCP; keys: Host, Port (502), UnitId (1), MaxChargePowerW, MaxDischargePowerW (7400), AcquireSocOnPlugIn (true); " +
        "to restart it through the Wallbox cloud when its Modbus hangs: CloudEmail, CloudPassword or CloudPasswordFile, CloudSerial (default: the serial the charger reports)";

    /// <summary>The Wallbox cloud's API (a key only so that tests can point it at a fake).</summary>
    private const string CloudUrl = "https://api.wall-box.com/";

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
            Cloud = Cloud(spec),
            CloudSerial = spec.Text("CloudSerial"),
        };
        return spec.Problems.Count == 0 ? new QuasarDriver(options) : null;
    }

    /// <summary>The Wallbox account, when one is given: its password from CloudPassword, or the file CloudPasswordFile
    /// names (the host's secret-file step may have read it into CloudPassword already).</summary>
    private static WallboxCloud? Cloud(DeviceSpec spec)
    {
        var email = spec.Text("CloudEmail");
        var password = spec.Text("CloudPassword");
        var file = spec.Text("CloudPasswordFile");
        if (email is null) return null;
        if (password is null && file is not null)
        {
            try
            {
                password = File.ReadAllText(file).TrimEnd('\r', '\n');
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                spec.Problem("CloudPasswordFile", $"{file} cannot be read ({e.GetType().Name}).");
                return null;
            }
        }
        if (string.IsNullOrEmpty(password))
        {
            spec.Problem("CloudPassword", "is empty: put the Wallbox account's password here (or a file holding it in CloudPasswordFile), or leave CloudEmail out.");
            return null;
        }
        var http = new HttpClient { BaseAddress = new Uri(spec.Text("CloudUrl") ?? CloudUrl), Timeout = TimeSpan.FromSeconds(30) };
        return new WallboxCloud(http, email, password);
    }
}

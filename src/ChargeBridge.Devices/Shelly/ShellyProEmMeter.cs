using System.Text.Json;
using ChargeBridge.Core.Meters;
using ChargeBridge.Core.Units;
using ChargeBridge.Devices.Registry;

namespace ChargeBridge.Devices.Shelly;

/// <summary>One channel of a Shelly Pro EM (Gen2 and later): <c>EM1.GetStatus</c> for its power and
/// <c>EM1Data.GetStatus</c> for its energy counters in Wh, which are optional (a reading without them is still good).</summary>
public sealed class ShellyProEmMeter : IMeter, IDescribedDevice, IDisposable
{
    private readonly ShellyHttp _http;
    private readonly int _channel;

    public ShellyProEmMeter(ShellyOptions options, DeviceContext context)
    {
        _http = new ShellyHttp(ShellyProEmType.TypeName, options, context);
        _channel = options.Channel ?? 0;
    }

    public MeterReading Reading { get; private set; } = MeterReading.None;

    public IReadOnlyDictionary<string, object?> Details => _http.Details;

    public async Task<MeterReading> RefreshAsync(CancellationToken ct = default) =>
        Reading = await _http.ReadAsync(Reading, async (at, token) =>
        {
            using var em1 = await _http.GetAsync($"/rpc/EM1.GetStatus?id={_channel}", token);
            using var data = await _http.GetOptionalAsync($"/rpc/EM1Data.GetStatus?id={_channel}", token);
            return Parse(em1.RootElement, data?.RootElement, at);
        }, ct);

    /// <summary>The reading in an <c>EM1.GetStatus</c> answer and, when there is one, an <c>EM1Data.GetStatus</c> answer.</summary>
    internal static MeterReading Parse(JsonElement em1, JsonElement? em1Data, DateTimeOffset at)
    {
        var power = Power.FromWatts(ShellyJson.Number(em1, "act_power"));
        var voltage = ShellyJson.OptionalNumber(em1, "voltage");
        return MeterReading.Read(at, power) with
        {
            Imported = ShellyHttp.WattHours(em1Data, "total_act_energy"),
            Exported = ShellyHttp.WattHours(em1Data, "total_act_ret_energy"),
            Voltage = voltage,
            Frequency = ShellyJson.OptionalNumber(em1, "freq"),
            Phases = [new PhaseReading(power, voltage, ShellyJson.OptionalNumber(em1, "current"))],
        };
    }

    public void Dispose() => _http.Dispose();

    public override string ToString() => _http.ToString();
}

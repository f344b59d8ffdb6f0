using System.Text.Json;
using ChargeBridge.Core.Meters;
using ChargeBridge.Core.Units;
using ChargeBridge.Devices.Registry;

namespace ChargeBridge.Devices.Shelly;

/// <summary>A Shelly Pro 3EM (Gen2 and later, triphase profile): <c>EM.GetStatus</c> for the power of the three phases
/// and <c>EMData.GetStatus</c> for the energy counters in Wh, which are optional (a reading without them is still good).</summary>
public sealed class ShellyPro3EmMeter : IMeter, IDescribedDevice, IDisposable
{
    private static readonly string[] PhaseNames = ["a", "b", "c"];
    private readonly ShellyHttp _http;

    public ShellyPro3EmMeter(ShellyOptions options, DeviceContext context) => _http = new ShellyHttp(ShellyPro3EmType.TypeName, options, context);

    public MeterReading Reading { get; private set; } = MeterReading.None;

    public IReadOnlyDictionary<string, object?> Details => _http.Details;

    public async Task<MeterReading> RefreshAsync(CancellationToken ct = default) =>
        Reading = await _http.ReadAsync(Reading, async (at, token) =>
        {
            using var em = await _http.GetAsync("/rpc/EM.GetStatus?id=0", token);
            using var data = await _http.GetOptionalAsync("/rpc/EMData.GetStatus?id=0", token);
            return Parse(em.RootElement, data?.RootElement, at);
        }, ct);

    /// <summary>The reading in an <c>EM.GetStatus</c> answer and, when there is one, an <c>EMData.GetStatus</c> answer.</summary>
    internal static MeterReading Parse(JsonElement em, JsonElement? emData, DateTimeOffset at) =>
        MeterReading.Read(at, Power.FromWatts(ShellyJson.Number(em, "total_act_power"))) with
        {
            Imported = ShellyHttp.WattHours(emData, "total_act"),
            Exported = ShellyHttp.WattHours(emData, "total_act_ret"),
            Voltage = ShellyJson.OptionalNumber(em, "a_voltage"),
            Frequency = ShellyJson.OptionalNumber(em, "a_freq"),
            Phases = PhaseNames.Select(p => new PhaseReading(Power.FromWatts(ShellyJson.Number(em, p + "_act_power")),
                ShellyJson.OptionalNumber(em, p + "_voltage"), ShellyJson.OptionalNumber(em, p + "_current"))).ToList(),
        };

    public void Dispose() => _http.Dispose();

    public override string ToString() => _http.ToString();
}

using System.Text.Json;
using ChargeBridge.Core.Meters;
using ChargeBridge.Core.Units;
using ChargeBridge.Devices.Registry;

namespace ChargeBridge.Devices.Shelly;

/// <summary>A Gen1 Shelly EM or 3EM: <c>GET /status</c> and its <c>emeters[]</c> (power in W; <c>total</c> and
/// <c>total_returned</c> in Wh on these two models), one channel or the sum of all.</summary>
public sealed class ShellyGen1Meter : IMeter, IDescribedDevice, IDisposable
{
    private readonly ShellyOptions _options;
    private readonly ShellyHttp _http;

    public ShellyGen1Meter(ShellyOptions options, DeviceContext context)
    {
        _options = options;
        _http = new ShellyHttp(ShellyGen1Type.TypeName, options, context);
    }

    public MeterReading Reading { get; private set; } = MeterReading.None;

    public IReadOnlyDictionary<string, object?> Details => _http.Details;

    public async Task<MeterReading> RefreshAsync(CancellationToken ct = default) =>
        Reading = await _http.ReadAsync(Reading, async (at, token) =>
        {
            using var status = await _http.GetAsync("/status", token);
            return Parse(status.RootElement, _options.Channel, at);
        }, ct);

    /// <summary>The reading in a <c>/status</c> answer: emeter <paramref name="channel"/>, or the sum of all when null.</summary>
    internal static MeterReading Parse(JsonElement status, int? channel, DateTimeOffset at)
    {
        var emeters = ShellyJson.Array(status, "emeters").EnumerateArray().Select(Emeter).ToList();
        if (emeters.Count == 0) throw new ShellyReadException("the answer lists no emeters");
        if (channel >= emeters.Count)
            throw new ShellyReadException($"there is no emeter {channel}: this device has {emeters.Count} (Channel 0 to {emeters.Count - 1})");
        var read = channel is { } c ? [emeters[c]] : emeters;
        return MeterReading.Read(at, Power.FromWatts(read.Sum(e => e.Phase.Power.Watts))) with
        {
            Imported = Sum(read.Select(e => e.Imported)),
            Exported = Sum(read.Select(e => e.Exported)),
            Voltage = read[0].Phase.Voltage,
            Phases = read.Select(e => e.Phase).ToList(),
        };
    }

    public void Dispose() => _http.Dispose();

    public override string ToString() => _http.ToString();

    private static Gen1Emeter Emeter(JsonElement emeter, int index)
    {
        if (emeter.ValueKind == JsonValueKind.Object && emeter.TryGetProperty("is_valid", out var valid) && valid.ValueKind == JsonValueKind.False)
            throw new ShellyReadException($"emeter {index} reports its values as not valid");
        var phase = new PhaseReading(Power.FromWatts(ShellyJson.Number(emeter, "power")), ShellyJson.OptionalNumber(emeter, "voltage"),
            ShellyJson.OptionalNumber(emeter, "current"));
        return new Gen1Emeter(phase, WattHours(ShellyJson.OptionalNumber(emeter, "total")), WattHours(ShellyJson.OptionalNumber(emeter, "total_returned")));
    }

    private static Energy? WattHours(double? wh) => wh is { } v ? Energy.FromWattHours(v) : null;

    // A sum of counters is known only when every channel has its counter.
    private static Energy? Sum(IEnumerable<Energy?> counters) =>
        counters.Aggregate((Energy?)Energy.Zero, (sum, e) => sum is { } s && e is { } v ? s + v : null);

    private readonly record struct Gen1Emeter(PhaseReading Phase, Energy? Imported, Energy? Exported);
}

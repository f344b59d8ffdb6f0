using ChargeBridge.Core.Meters;
using ChargeBridge.Devices.Registry;
using ChargeBridge.Modbus;
using Microsoft.Extensions.Logging;
using R = ChargeBridge.Devices.SunSpec.SunSpecRegisters;

namespace ChargeBridge.Devices.SunSpec;

/// <summary>
/// Reads a SunSpec inverter or meter over Modbus TCP. It finds the device's model chain once, and again after any
/// failure (the device may have restarted with another map), then reads the chosen model's block on each refresh.
/// Device trouble never throws: the reading keeps the last good value and tells the problem.
/// </summary>
public sealed class SunSpecDriver : IMeter, IDescribedDevice, IAsyncDisposable
{
    private readonly SunSpecDriverOptions _options;
    private readonly ModbusTcpClient _modbus;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (SunSpecMap Map, SunSpecModel Model)? _found;
    private Dictionary<string, object?> _details = [];
    private MeterReading _reading = MeterReading.None;

    public SunSpecDriver(SunSpecDriverOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Host)) throw new ArgumentException("the device's host is required", nameof(options));
        _options = options;
        _modbus = new ModbusTcpClient(options.Host, options.Port, new ModbusClientOptions
        {
            UnitId = options.UnitId, RequestTimeout = options.RequestTimeout, ReconnectDelay = options.ReconnectDelay, Clock = options.Clock,
        });
    }

    public MeterReading Reading => _reading;

    /// <summary>Manufacturer, model, serial and version from the common model, and which SunSpec model is read.</summary>
    public IReadOnlyDictionary<string, object?> Details => _details;

    public async Task<MeterReading> RefreshAsync(CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try
        {
            _reading = await ReadAsync(ct);
            return _reading;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<MeterReading> ReadAsync(CancellationToken ct)
    {
        try
        {
            var (_, model) = _found ??= await DiscoverAsync(ct);
            var isMeter = R.Meter.Is(model.Id);
            var block = await _modbus.ReadHoldingRegistersAsync(model.Address, (ushort)(isMeter ? R.Meter.Count : R.Inverter.Count), ct);
            var at = _options.Clock.GetUtcNow();
            return isMeter ? SunSpecReadings.Meter(model.Id, block, at, _options.Invert) : SunSpecReadings.Inverter(block, at, _options.Invert);
        }
        catch (Exception e) when (e is ModbusException or SunSpecException && !ct.IsCancellationRequested)
        {
            if (_reading.Problem is null || _reading.AttemptedAt is null) _options.Logger.LogWarning("SunSpec device {Host}:{Port}: {Problem}", _options.Host, _options.Port, e.Message);
            _found = null;
            return _reading.Failed(_options.Clock.GetUtcNow(), e.Message);
        }
    }

    private async Task<(SunSpecMap, SunSpecModel)> DiscoverAsync(CancellationToken ct)
    {
        var map = await SunSpecMap.DiscoverAsync(_modbus, ct);
        var model = map.Choose(_options.Model);
        var details = new Dictionary<string, object?> { ["sunspecModel"] = (int)model.Id, ["baseAddress"] = (int)map.BaseAddress };
        if (map.CommonOf(model) is { } common)
        {
            var c = await _modbus.ReadHoldingRegistersAsync(common.Address, R.Common.Count, ct);
            details["manufacturer"] = SunSpecValue.Text(c.AsSpan(R.Common.Manufacturer, R.Common.LongText));
            details["model"] = SunSpecValue.Text(c.AsSpan(R.Common.ModelName, R.Common.LongText));
            details["version"] = SunSpecValue.Text(c.AsSpan(R.Common.Version, R.Common.ShortText));
            details["serial"] = SunSpecValue.Text(c.AsSpan(R.Common.Serial, R.Common.LongText));
        }
        _details = details;
        _options.Logger.LogInformation("SunSpec device {Host}:{Port}: reading model {Model} at register {Address}",
            _options.Host, _options.Port, model.Id, model.Address);
        return (map, model);
    }

    public async ValueTask DisposeAsync()
    {
        await _modbus.DisposeAsync();
        _gate.Dispose();
    }
}

namespace ChargeBridge.Devices.SunSpec;

/// <summary>The map a <see cref="SunSpecSimulator"/> serves: common model 1, then <see cref="OtherModels"/> (zero
/// filled), then inverter model 103 and/or meter model 203, then the end marker. Values are sent as integers with
/// these scale factors.</summary>
public sealed record SunSpecSimulatorOptions
{
    public ushort BaseAddress { get; init; } = 40000;
    public byte UnitId { get; init; } = 1;
    public bool Inverter { get; init; } = true;
    public bool Meter { get; init; }

    /// <summary>Models (ID, length) the driver must step over, such as a vendor's.</summary>
    public IReadOnlyList<(ushort Id, ushort Length)> OtherModels { get; init; } = [];

    public string Manufacturer { get; init; } = "ChargeBridge";
    public string ModelName { get; init; } = "SunSpec twin";
    public string Version { get; init; } = "1.0";
    public string Serial { get; init; } = "SIM-0001";

    public int PowerSf { get; init; }
    public int VoltageSf { get; init; } = -1;
    public int CurrentSf { get; init; } = -2;
    public int FrequencySf { get; init; } = -2;
    public int EnergySf { get; init; }
}

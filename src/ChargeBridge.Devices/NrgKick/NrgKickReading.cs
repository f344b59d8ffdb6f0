using System.Text.Json;
using ChargeBridge.Core.Chargers;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Devices.NrgKick;

/// <summary>
/// One reading of an NRGKICK: its settings (<c>/api/settings</c>: whether a car is connected, whether charging is
/// enabled, the charge current and the error code) with its measurements (<c>/api/measurements</c>: the charging
/// power in kW, the phase voltages and the main unit's temperature), and what that means as a
/// <see cref="ChargerStatus"/>.
/// </summary>
public sealed record NrgKickReading(
    bool Connected,
    bool Charging,
    double CurrentA,
    int ErrorCode,
    Power Power,
    IReadOnlyList<double> VoltagesV,
    double? TemperatureC)
{
    /// <summary>What the API answers while no car is connected: its "No content found" instead of measurements.</summary>
    public static NrgKickReading Disconnected { get; } = new(false, false, 0, 0, Power.Zero, [], null);

    /// <summary>Reads both answers; an answer that is "No content found" is a reading without a car.</summary>
    /// <exception cref="NrgKickException">A field is missing or of another form.</exception>
    public static NrgKickReading Parse(JsonElement settings, JsonElement measurements)
    {
        if (NrgKickJson.IsNoContent(settings) || NrgKickJson.IsNoContent(measurements)) return Disconnected;
        var connected = NrgKickJson.Bool(settings, "Info", "Connected");
        var codes = NrgKickJson.Numbers(settings, "Info", "ErrorCodes");
        return new NrgKickReading(
            connected,
            NrgKickJson.Bool(settings, "Values", "ChargingStatus", "Charging"),
            NrgKickJson.Number(settings, "Values", "ChargingCurrent", "Value"),
            (int)codes.FirstOrDefault(c => c != 0),
            // The API gives kW; a car that is not connected draws nothing, whatever the field holds.
            connected ? Power.FromKilowatts(Math.Max(0, NrgKickJson.Number(measurements, "ChargingPower"))) : Power.Zero,
            NrgKickJson.Numbers(measurements, "VoltagePhase"),
            NrgKickJson.OptionalNumber(measurements, "TemperatureMainUnit"));
    }

    /// <summary>The live phases, or null when the voltages show none.</summary>
    public int? Phases => NrgKickPhases.FromVoltages(VoltagesV);

    /// <summary>The status this reading means at <paramref name="at"/>. <paramref name="carFull"/>: the last command
    /// enabled charging and the car took no power through every attempt, so no power while enabled is a full car
    /// rather than a car about to start.</summary>
    public ChargerStatus ToStatus(DateTimeOffset at, bool carFull)
    {
        var (state, text) = this switch
        {
            { Connected: false } => (ChargerState.NoCar, "no car connected"),
            { ErrorCode: not 0 } => (ChargerState.Faulted, $"error code {ErrorCode}"),
            { Charging: true } when Power > Power.Zero => (ChargerState.Charging, $"charging at {CurrentA:0.#} A"),
            { Charging: true } when carFull => (ChargerState.Paused, "car full: charging is enabled but the car takes no power"),
            { Charging: true } => (ChargerState.Waiting, "charging enabled, waiting for the car"),
            _ => (ChargerState.Paused, "charging disabled"),
        };
        return new ChargerStatus(at, state, state == ChargerState.Faulted ? null : Connected, Power, null, false, false, true,
            state == ChargerState.Faulted ? $"the NRGKICK reports error code {ErrorCode}" : null, ErrorCode, text);
    }
}

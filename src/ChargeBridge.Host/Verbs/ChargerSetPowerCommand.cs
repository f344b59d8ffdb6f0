using System.CommandLine;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Host;

/// <summary><c>charger set-power W</c>: take control, start or stop as needed, write the set point.</summary>
internal static class ChargerSetPowerCommand
{
    public static Command Create()
    {
        var command = new Command("set-power",
            "Charge (W > 0) or discharge (W < 0) at W watts, 0 stops. Without a controller polling afterwards, " +
            "the charger stops by its idle-timeout fail-safe after 600 s.");
        var watts = new Argument<int>("watts") { Description = "Set point in W; negative discharges" };
        command.Arguments.Add(watts);
        var connection = new ChargerConnection();
        connection.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            return await connection.RunAsync(parse, async charger =>
                await connection.ReportAsync(parse, charger, await charger.SetPowerAsync(Power.FromWatts(parse.GetValue(watts)), ct), "set point not written", ct), ct);
        });
        return command;
    }
}

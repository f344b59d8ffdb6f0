using System.CommandLine;

namespace ChargeBridge.Host;

/// <summary><c>charger release</c>: set point 0, then control back to the Wallbox app.</summary>
internal static class ChargerReleaseCommand
{
    public static Command Create()
    {
        var command = new Command("release", "Give control back to the charger's own app");
        var connection = new ChargerConnection();
        connection.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            return await connection.RunAsync(parse, async charger =>
                await connection.ReportAsync(parse, charger, await charger.ReleaseAsync(ct), "control not released", ct), ct);
        });
        return command;
    }
}

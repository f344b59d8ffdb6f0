using System.CommandLine;

namespace ChargeBridge.Host;

/// <summary><c>charger release</c>: set point 0, then control back to the Wallbox app.</summary>
internal static class ChargerReleaseCommand
{
    public static Command Create()
    {
        var command = new Command("release", "Give control back to the Wallbox app");
        var connection = new ChargerConnection();
        connection.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            await using var driver = connection.Open(parse);
            if (await ChargerConnection.ReachAsync(driver, ct) is { } failed) return failed;
            return await connection.ReportAsync(parse, driver, await driver.ReleaseAsync(ct), "control not released", ct);
        });
        return command;
    }
}

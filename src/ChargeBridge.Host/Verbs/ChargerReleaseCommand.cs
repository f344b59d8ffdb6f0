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
            var result = await driver.ReleaseAsync(ct);
            if (!result.Succeeded)
            {
                await Console.Error.WriteLineAsync($"control not released: {result.Reason}");
                return ChargerConnection.ExitCodeOf(result.Error);
            }
            await driver.RefreshAsync(ct);
            await connection.PrintAsync(parse, driver);
            return ChargerConnection.Ok;
        });
        return command;
    }
}

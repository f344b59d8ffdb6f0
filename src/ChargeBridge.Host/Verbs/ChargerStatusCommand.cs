using System.CommandLine;

namespace ChargeBridge.Host;

/// <summary><c>charger status</c>: one reading of the charger.</summary>
internal static class ChargerStatusCommand
{
    public static Command Create()
    {
        var command = new Command("status", "Read the charger's state, power, SoC and limits");
        var connection = new ChargerConnection();
        connection.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            await using var driver = connection.Open(parse);
            if (await ChargerConnection.ReachAsync(driver, ct) is { } failed) return failed;
            await connection.PrintAsync(parse, driver);
            return ChargerConnection.Ok;
        });
        return command;
    }
}

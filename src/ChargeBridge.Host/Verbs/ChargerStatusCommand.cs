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
            return await connection.RunAsync(parse, async charger =>
            {
                await connection.PrintAsync(parse, charger);
                return ChargerConnection.Ok;
            }, ct);
        });
        return command;
    }
}

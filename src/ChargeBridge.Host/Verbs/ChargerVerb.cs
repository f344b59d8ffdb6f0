using System.CommandLine;

namespace ChargeBridge.Host;

/// <summary><c>charger status|set-power|release</c>: talk to a Wallbox Quasar directly, for installers.</summary>
internal sealed class ChargerVerb : IVerb
{
    public Command Create()
    {
        var charger = new Command("charger", "Read or command a Wallbox Quasar over Modbus TCP");
        charger.Subcommands.Add(ChargerStatusCommand.Create());
        charger.Subcommands.Add(ChargerSetPowerCommand.Create());
        charger.Subcommands.Add(ChargerReleaseCommand.Create());
        return charger;
    }
}

using System.CommandLine;

namespace ChargeBridge.Host;

/// <summary><c>charger status|set-power|release</c>: talk to a charger of any registered type directly, for installers.</summary>
internal sealed class ChargerVerb : IVerb
{
    public Command Create()
    {
        var charger = new Command("charger", "Read or command a charger directly (--type quasar by default)");
        charger.Subcommands.Add(ChargerStatusCommand.Create());
        charger.Subcommands.Add(ChargerSetPowerCommand.Create());
        charger.Subcommands.Add(ChargerReleaseCommand.Create());
        return charger;
    }
}

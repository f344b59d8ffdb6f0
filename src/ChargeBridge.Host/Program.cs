using System.CommandLine;
using ChargeBridge.Host;

var root = new RootCommand("ChargeBridge: smart and bidirectional EV charging for Home Assistant");
foreach (var verb in VerbCatalog.All())
    root.Subcommands.Add(verb);
return await root.Parse(args).InvokeAsync();

using System.CommandLine;
using Microsoft.Extensions.Configuration;

namespace ChargeBridge.Host.Configuration;

/// <summary>The command-line options naming the configuration sources `run` and `check` share (see <see cref="AppHost.Configure"/>).</summary>
internal sealed class ConfigSources
{
    public Option<string?> SettingsFile { get; } = new("--config") { Description = "An extra appsettings JSON file (HomeAssistant:Host/Port/Ssl/Token …)" };
    public Option<string> AppsFolder { get; } = new("--apps-config") { Description = "Folder of the apps' YAML files", DefaultValueFactory = _ => AppHost.DefaultAppsConfigFolder };
    public Option<string?> AddOnOptionsFile { get; } = new("--addon-options") { Description = "The Home Assistant add-on's options file (the add-on passes " + AddOnOptions.DefaultPath + ")" };

    public IEnumerable<Option> Options => [SettingsFile, AppsFolder, AddOnOptionsFile];

    /// <summary>Adds the sources the parsed command line names.</summary>
    /// <exception cref="InvalidOperationException">A file named cannot be read; the message says which and why.</exception>
    public void Apply(IConfigurationManager configuration, ParseResult parse) =>
        AppHost.Configure(configuration, parse.GetValue(SettingsFile), parse.GetValue(AppsFolder)!, parse.GetValue(AddOnOptionsFile));
}

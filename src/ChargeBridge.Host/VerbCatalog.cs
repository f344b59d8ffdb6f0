using System.CommandLine;
using System.Reflection;

namespace ChargeBridge.Host;

/// <summary>A command-line verb of the host; each verb is one class in Verbs/, found by reflection.</summary>
internal interface IVerb
{
    Command Create();
}

internal static class VerbCatalog
{
    public static IEnumerable<Command> All() =>
        Assembly.GetExecutingAssembly().GetTypes()
            .Where(t => typeof(IVerb).IsAssignableFrom(t) && t is { IsClass: true, IsAbstract: false })
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .Select(t => ((IVerb)Activator.CreateInstance(t)!).Create());
}

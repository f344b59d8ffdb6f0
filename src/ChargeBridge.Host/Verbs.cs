using System.CommandLine;

namespace ChargeBridge.Host;

/// <summary>The host's command-line verbs; each verb lives in its own file under Verbs/.</summary>
internal static class Verbs
{
    public static IEnumerable<Command> All()
    {
        yield break;
    }
}

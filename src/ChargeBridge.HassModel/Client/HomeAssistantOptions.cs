using ChargeBridge.HassModel.Runtime;
using Microsoft.Extensions.Configuration;

namespace ChargeBridge.HassModel;

/// <summary>Where Home Assistant is and how to talk to it.</summary>
public sealed record HomeAssistantOptions
{
    public const string Section = "HomeAssistant";
    public const string SupervisorHost = "supervisor";

    public string Host { get; init; } = "localhost";
    public int Port { get; init; } = 8123;
    public bool Ssl { get; init; }
    public string Token { get; init; } = "";

    /// <summary>Inside an HA add-on the supervisor proxies Core at /core.</summary>
    public bool ViaSupervisor => Host == SupervisorHost;

    public TimeSpan ReconnectFirstDelay { get; init; } = TimeSpan.FromSeconds(5);
    public TimeSpan ReconnectMaxDelay { get; init; } = TimeSpan.FromSeconds(80);
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromSeconds(30);
    public TimeSpan PingInterval { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>How often get_config is asked again while HA is starting (state not RUNNING).</summary>
    public TimeSpan StartupPollInterval { get; init; } = TimeSpan.FromSeconds(2);

    public Uri WebSocketUri => ViaSupervisor
        ? new Uri("ws://supervisor/core/websocket")
        : new Uri($"{(Ssl ? "wss" : "ws")}://{Host}:{Port}/api/websocket");

    public Uri RestUri => ViaSupervisor
        ? new Uri("http://supervisor/core/api/")
        : new Uri($"{(Ssl ? "https" : "http")}://{Host}:{Port}/api/");

    /// <summary>Reads the options: inside an HA add-on (SUPERVISOR_TOKEN set) the supervisor proxy and its token,
    /// otherwise <c>HomeAssistant:Host/Port/Ssl/Token</c> from configuration.</summary>
    /// <exception cref="InvalidOperationException">Settings are missing or invalid; the message names each one.</exception>
    public static HomeAssistantOptions FromConfiguration(IConfiguration configuration, Func<string, string?> environment)
    {
        var problems = new List<ConfigProblem>();
        var options = Read(configuration, environment, problems);
        return problems.Count == 0 ? options : throw new InvalidOperationException(string.Join(Environment.NewLine, problems));
    }

    /// <summary>As <see cref="FromConfiguration"/>, adding every problem to <paramref name="problems"/> instead of throwing.</summary>
    public static HomeAssistantOptions Read(IConfiguration configuration, Func<string, string?> environment, ICollection<ConfigProblem> problems)
    {
        var supervisorToken = environment("SUPERVISOR_TOKEN");
        if (!string.IsNullOrWhiteSpace(supervisorToken))
            return new HomeAssistantOptions { Host = SupervisorHost, Port = 80, Token = supervisorToken };

        var section = configuration.GetSection(Section);
        var options = new HomeAssistantOptions
        {
            Host = section["Host"] ?? "localhost",
            Port = ReadInt(section, "Port", 8123, problems),
            Ssl = ReadBool(section, "Ssl", problems),
            Token = section["Token"] ?? "",
        };
        if (string.IsNullOrWhiteSpace(options.Host))
            problems.Add(new("HomeAssistant:Host", "is empty: put your Home Assistant's host name or IP address here (localhost when on the same machine)."));
        if (string.IsNullOrWhiteSpace(options.Token))
            problems.Add(new("HomeAssistant:Token",
                "is missing: create a long-lived access token in your Home Assistant profile and put it in " +
                "appsettings.json or the environment variable HomeAssistant__Token."));
        if (options.Port is < 1 or > 65535)
            problems.Add(new("HomeAssistant:Port", $"must be between 1 and 65535, not {options.Port} (Home Assistant listens on 8123 unless changed)."));
        return options;
    }

    private static int ReadInt(IConfiguration section, string key, int fallback, ICollection<ConfigProblem> problems)
    {
        if (section[key] is not { } text) return fallback;
        if (int.TryParse(text, out var value)) return value;
        problems.Add(new($"HomeAssistant:{key}", $"must be a whole number, not '{text}'."));
        return fallback;
    }

    private static bool ReadBool(IConfiguration section, string key, ICollection<ConfigProblem> problems)
    {
        if (section[key] is not { } text) return false;
        if (bool.TryParse(text, out var value)) return value;
        problems.Add(new($"HomeAssistant:{key}", $"must be true or false, not '{text}'."));
        return false;
    }

    /// <summary>The token is a secret: it never appears in a string form of the options.</summary>
    public override string ToString() => $"HomeAssistant {{ {WebSocketUri}, token {(Token.Length > 0 ? "set" : "missing")} }}";
}

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
    /// <exception cref="InvalidOperationException">A setting is missing or invalid; the message names it.</exception>
    public static HomeAssistantOptions FromConfiguration(IConfiguration configuration, Func<string, string?> environment)
    {
        var supervisorToken = environment("SUPERVISOR_TOKEN");
        if (!string.IsNullOrWhiteSpace(supervisorToken))
            return new HomeAssistantOptions { Host = SupervisorHost, Port = 80, Token = supervisorToken };

        var section = configuration.GetSection(Section);
        var options = new HomeAssistantOptions
        {
            Host = section["Host"] ?? "localhost",
            Port = ReadInt(section, "Port", 8123),
            Ssl = ReadBool(section, "Ssl"),
            Token = section["Token"] ?? "",
        };
        if (string.IsNullOrWhiteSpace(options.Token))
            throw new InvalidOperationException(
                "HomeAssistant:Token is missing: create a long-lived access token in your Home Assistant profile and put it in " +
                "appsettings.json or the environment variable HomeAssistant__Token.");
        if (options.Port is < 1 or > 65535)
            throw new InvalidOperationException($"HomeAssistant:Port must be between 1 and 65535, not {options.Port}.");
        return options;
    }

    private static int ReadInt(IConfiguration section, string key, int fallback) =>
        section[key] is not { } text ? fallback
        : int.TryParse(text, out var value) ? value
        : throw new InvalidOperationException($"HomeAssistant:{key} must be a whole number, not '{text}'.");

    private static bool ReadBool(IConfiguration section, string key) =>
        section[key] is not { } text ? false
        : bool.TryParse(text, out var value) ? value
        : throw new InvalidOperationException($"HomeAssistant:{key} must be true or false, not '{text}'.");

    /// <summary>The token is a secret: it never appears in a string form of the options.</summary>
    public override string ToString() => $"HomeAssistant {{ {WebSocketUri}, token {(Token.Length > 0 ? "set" : "missing")} }}";
}

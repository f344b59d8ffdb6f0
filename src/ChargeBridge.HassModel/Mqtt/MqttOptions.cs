using System.Text.RegularExpressions;
using ChargeBridge.HassModel.Runtime;
using Microsoft.Extensions.Configuration;

namespace ChargeBridge.HassModel.Mqtt;

/// <summary>Where the MQTT broker is, how to log in, and the topics ChargeBridge uses on it.</summary>
public sealed partial record MqttOptions
{
    public const string Section = "Mqtt";

    public string Host { get; init; } = "localhost";
    public int Port { get; init; } = 1883;
    public string Username { get; init; } = "";
    /// <summary>A secret: never logged, never in <see cref="ToString"/>.</summary>
    public string Password { get; init; } = "";
    public string ClientId { get; init; } = "chargebridge";
    /// <summary>HA listens for discovery configs under this prefix and announces itself on &lt;prefix&gt;/status.</summary>
    public string DiscoveryPrefix { get; init; } = "homeassistant";
    /// <summary>One topic level under which states, attributes, commands and availability live; also the discovery node id.</summary>
    public string BaseTopic { get; init; } = "chargebridge";

    public TimeSpan ReconnectFirstDelay { get; init; } = TimeSpan.FromSeconds(1);
    public TimeSpan ReconnectMaxDelay { get; init; } = TimeSpan.FromSeconds(60);
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);
    /// <summary>How long a start waits for the broker to give back the retained states of the controls (<see cref="MqttEntityPublisher.Restored"/>).</summary>
    public TimeSpan RestoreTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public string AvailabilityTopic => $"{BaseTopic}/availability";
    public string HomeAssistantStatusTopic => $"{DiscoveryPrefix}/status";

    /// <summary>Reads <c>Mqtt:*</c> from configuration, defaults for what is absent.</summary>
    /// <exception cref="InvalidOperationException">A setting is invalid; the message names each one.</exception>
    public static MqttOptions FromConfiguration(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var problems = new List<ConfigProblem>();
        var options = new MqttOptions
        {
            Host = section["Host"] ?? "localhost",
            Port = ReadPort(section["Port"], problems),
            Username = section["Username"] ?? "",
            Password = section["Password"] ?? "",
            ClientId = section["ClientId"] ?? "chargebridge",
            DiscoveryPrefix = section["DiscoveryPrefix"] ?? "homeassistant",
            BaseTopic = section["BaseTopic"] ?? "chargebridge",
        };
        problems.AddRange(options.Problems());
        return problems.Count == 0 ? options : throw new InvalidOperationException(string.Join(Environment.NewLine, problems));
    }

    /// <summary>What is wrong with these options, empty when they can be used.</summary>
    public IReadOnlyList<ConfigProblem> Problems()
    {
        var problems = new List<ConfigProblem>();
        if (string.IsNullOrWhiteSpace(Host))
            problems.Add(new("Mqtt:Host", "is empty: put the MQTT broker's host name or IP address here (core-mosquitto for HA's Mosquitto add-on)."));
        if (Port is < 1 or > 65535)
            problems.Add(new("Mqtt:Port", $"must be between 1 and 65535, not {Port} (MQTT brokers listen on 1883 unless changed)."));
        if (string.IsNullOrWhiteSpace(ClientId))
            problems.Add(new("Mqtt:ClientId", "is empty: put a name unique on the broker, for example chargebridge."));
        if (!TopicLevel().IsMatch(DiscoveryPrefix))
            problems.Add(new("Mqtt:DiscoveryPrefix", $"must be one topic level of letters, digits, _ or -, not '{DiscoveryPrefix}' (HA's default is homeassistant)."));
        if (!TopicLevel().IsMatch(BaseTopic))
            problems.Add(new("Mqtt:BaseTopic", $"must be one topic level of letters, digits, _ or -, not '{BaseTopic}'."));
        if (ReconnectFirstDelay <= TimeSpan.Zero || ReconnectMaxDelay < ReconnectFirstDelay)
            problems.Add(new("Mqtt:ReconnectFirstDelay", "must be positive and not above the maximum delay."));
        return problems;
    }

    private static int ReadPort(string? text, ICollection<ConfigProblem> problems)
    {
        if (text is null) return 1883;
        if (int.TryParse(text, out var port)) return port;
        problems.Add(new("Mqtt:Port", $"must be a whole number, not '{text}'."));
        return 1883;
    }

    /// <summary>The characters HA accepts in a discovery node id and object id.</summary>
    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    internal static partial Regex TopicLevel();

    /// <summary>The password is a secret: only whether it is set appears.</summary>
    public override string ToString() =>
        $"Mqtt {{ {Host}:{Port}, client {ClientId}, user {(Username.Length > 0 ? Username : "none")}, password {(Password.Length > 0 ? "set" : "none")}, discovery {DiscoveryPrefix}, base {BaseTopic} }}";
}

using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace ChargeBridge.Telemetry;

/// <summary>
/// The <c>Telemetry</c> section. InfluxDB 1.x: <c>InfluxUrl</c> and <c>Database</c> (with <c>Username</c> and
/// <c>Password</c>/<c>PasswordFile</c> when the server asks for them); InfluxDB 2.x: <c>InfluxUrl</c>, <c>Org</c>,
/// <c>Bucket</c> and <c>Token</c>/<c>TokenFile</c>. Samples are buffered and written every <c>FlushSeconds</c> or as
/// soon as <c>BatchSize</c> of them wait; at most <c>BufferSize</c> wait while the server is down (3600: an hour at
/// the default 1 s control pace), the oldest dropped beyond. <c>Prometheus</c> serves the metrics on
/// <c>PrometheusPort</c> at <c>/metrics</c>.
/// </summary>
public sealed record TelemetryOptions
{
    public const string Section = "Telemetry";

    public Uri? InfluxUrl { get; init; }
    public string? Database { get; init; }
    public string? Org { get; init; }
    public string? Bucket { get; init; }
    public string? Token { get; init; }
    public string? Username { get; init; }
    public string? Password { get; init; }
    public TimeSpan Flush { get; init; } = TimeSpan.FromSeconds(5);
    public int BatchSize { get; init; } = 1000;
    public int BufferSize { get; init; } = 3600;
    /// <summary>How long one write may take before it counts as failed and is tried again.</summary>
    public TimeSpan WriteTimeout { get; init; } = TimeSpan.FromSeconds(10);
    /// <summary>The first wait after a failed write; it doubles up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromMinutes(1);
    public bool Prometheus { get; init; }
    public int PrometheusPort { get; init; } = 9464;

    /// <summary>Whether samples go to InfluxDB 2.x (an org and a bucket) rather than a 1.x database.</summary>
    public bool V2 => !string.IsNullOrEmpty(Bucket);

    /// <summary>The section's settings; every problem is added to <paramref name="problems"/> as (key, fix).</summary>
    public static TelemetryOptions Read(IConfiguration configuration, List<(string Key, string Fix)> problems)
    {
        var section = configuration.GetSection(Section);
        string? Text(string key) => section[key] is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
        void Problem(string key, string fix) => problems.Add(($"{Section}:{key}", fix));
        int Number(string key, int fallback, int min, int max)
        {
            if (Text(key) is not { } text) return fallback;
            if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max) return value;
            Problem(key, $"'{text}' is not a whole number from {min} to {max}.");
            return fallback;
        }

        Uri? url = null;
        if (Text("InfluxUrl") is { } address)
        {
            if (Uri.TryCreate(address, UriKind.Absolute, out var parsed) && parsed.Scheme is "http" or "https") url = parsed;
            else Problem("InfluxUrl", $"'{address}' is not an http:// or https:// address: put the InfluxDB server's, such as http://localhost:8086.");
        }
        var options = new TelemetryOptions
        {
            InfluxUrl = url, Database = Text("Database"), Org = Text("Org"), Bucket = Text("Bucket"), Token = Text("Token"),
            Username = Text("Username"), Password = Text("Password"),
            Flush = TimeSpan.FromSeconds(Number("FlushSeconds", 5, 1, 3600)),
            BatchSize = Number("BatchSize", 1000, 1, 100_000),
            BufferSize = Number("BufferSize", 3600, 1, 10_000_000),
            PrometheusPort = Number("PrometheusPort", 9464, 1, 65535),
        };
        if (Text("Prometheus") is { } prometheus)
        {
            if (bool.TryParse(prometheus, out var on)) options = options with { Prometheus = on };
            else Problem("Prometheus", $"'{prometheus}' is not true or false.");
        }
        if (options.InfluxUrl is null) return options;
        if (options.V2 && options.Database is not null) Problem("Database", "and Bucket are both set: keep Database for InfluxDB 1.x, or Org and Bucket for 2.x.");
        if (!options.V2 && options.Database is null) Problem("Database", "is empty: put the InfluxDB 1.x database, or Org and Bucket for 2.x.");
        if (options.V2 && options.Org is null) Problem("Org", "is empty: InfluxDB 2.x writes to a bucket of an organisation; put its name.");
        if (options.Token is not null && options.Username is not null) Problem("Token", "and Username are both set: keep the token (2.x) or the user (1.x).");
        if ((options.Username is null) != (options.Password is null))
            Problem(options.Username is null ? "Username" : "Password", "is needed with the other: InfluxDB 1.x signs in with both.");
        return options;
    }
}

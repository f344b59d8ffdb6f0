using ChargeBridge.Tests;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace ChargeBridge.Tests;

/// <summary>Debian's influxd (1.6) on free loopback ports with a generated config (its meta, data and WAL in a temp
/// folder, reporting off, HTTP without authentication), killed on dispose. Kill and start again: the data stays.</summary>
public sealed class InfluxServer : IAsyncDisposable
{
    private const string Binary = "/usr/bin/influxd";
    private readonly string _directory;
    private readonly string _configFile;
    private readonly HttpClient _http = new();
    private Process? _process;

    private InfluxServer(string directory, int port, int rpcPort)
    {
        (_directory, Port) = (directory, port);
        _configFile = Path.Combine(directory, "influxdb.conf");
        File.WriteAllText(_configFile, $"""
            reporting-disabled = true
            bind-address = "127.0.0.1:{rpcPort}"
            [meta]
              dir = "{directory}/meta"
            [data]
              dir = "{directory}/data"
              wal-dir = "{directory}/wal"
              query-log-enabled = false
            [http]
              bind-address = "127.0.0.1:{port}"
              log-enabled = false
            [monitor]
              store-enabled = false
            [continuous_queries]
              enabled = false
            """);
    }

    public int Port { get; }

    public Uri Url => new($"http://127.0.0.1:{Port}/");

    /// <summary>Starts a server with <paramref name="database"/> created.</summary>
    public static async Task<InfluxServer> StartAsync(string database)
    {
        if (!File.Exists(Binary)) throw new InvalidOperationException($"{Binary} missing: install Debian's influxdb (./test.sh does)");
        var server = new InfluxServer(Directory.CreateTempSubdirectory("influxd-").FullName, FreePort(), FreePort());
        await server.StartAgainAsync();
        await server.QueryAsync(null, $"CREATE DATABASE \"{database}\"", post: true);
        return server;
    }

    public async Task StartAgainAsync()
    {
        var (process, output) = ServerProcess.Start(Binary, "-config", _configFile);
        _process = process;
        try
        {
            await Wait.UntilAsync(async () => process.HasExited || await PingAsync(), $"influxd answering /ping on {Port}", TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException)
        {
        }
        if (process.HasExited || !await PingAsync())
            throw new InvalidOperationException($"influxd does not answer /ping on {Port}: {output()}");
    }

    private async Task<bool> PingAsync()
    {
        try
        {
            using var response = await _http.GetAsync(new Uri(Url, "ping"));
            return response.StatusCode == HttpStatusCode.NoContent;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    /// <summary>The rows of an InfluxQL query's first series, times in epoch ms (empty when it has none).</summary>
    public async Task<IReadOnlyList<Dictionary<string, JsonElement>>> QueryAsync(string? database, string query, bool post = false)
    {
        var address = new Uri(Url, $"query?epoch=ms&q={Uri.EscapeDataString(query)}{(database is null ? "" : "&db=" + Uri.EscapeDataString(database))}");
        using var response = post ? await _http.PostAsync(address, null) : await _http.GetAsync(address);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"influxd answered {(int)response.StatusCode} to {query}: {text}");
        var result = JsonDocument.Parse(text).RootElement.GetProperty("results")[0];
        if (result.TryGetProperty("error", out var error)) throw new InvalidOperationException($"{query}: {error}");
        if (!result.TryGetProperty("series", out var series)) return [];
        var rows = new List<Dictionary<string, JsonElement>>();
        foreach (var serie in series.EnumerateArray())
        {
            var columns = serie.GetProperty("columns").EnumerateArray().Select(c => c.GetString()!).ToArray();
            foreach (var values in serie.GetProperty("values").EnumerateArray())
                rows.Add(columns.Zip(values.EnumerateArray()).ToDictionary(p => p.First, p => p.Second.Clone()));
        }
        return rows;
    }

    /// <summary>How many points <paramref name="measurement"/> holds.</summary>
    public async Task<long> CountAsync(string database, string measurement, string field)
    {
        var rows = await QueryAsync(database, $"SELECT COUNT(\"{field}\") FROM \"{measurement}\"");
        return rows.Count == 0 ? 0 : long.Parse(rows[0]["count"].GetRawText(), CultureInfo.InvariantCulture);
    }

    public async Task KillAsync()
    {
        if (_process is null) return;
        _process.Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _http.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

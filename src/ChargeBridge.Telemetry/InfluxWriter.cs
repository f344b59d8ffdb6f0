using System.Net.Http.Headers;
using System.Text;

namespace ChargeBridge.Telemetry;

/// <summary>One HTTP write of line protocol: <c>POST /write?db=…&amp;precision=ms</c> (InfluxDB 1.x, basic
/// authentication when a user is set) or <c>POST /api/v2/write?org=…&amp;bucket=…&amp;precision=ms</c> (2.x, the token
/// in the Authorization header). The token and password go only in that header, never in the address or a message.</summary>
internal sealed class InfluxWriter
{
    private readonly HttpClient _http;
    private readonly Uri _address;
    private readonly AuthenticationHeaderValue? _authorization;

    public InfluxWriter(HttpClient http, TelemetryOptions options)
    {
        var url = options.InfluxUrl ?? throw new ArgumentException("no InfluxUrl", nameof(options));
        _http = http;
        var query = options.V2
            ? $"api/v2/write?org={Uri.EscapeDataString(options.Org ?? "")}&bucket={Uri.EscapeDataString(options.Bucket!)}&precision=ms"
            : $"write?db={Uri.EscapeDataString(options.Database ?? "")}&precision=ms";
        _address = new Uri(new Uri(url.AbsoluteUri.TrimEnd('/') + "/"), query);
        if (options.Token is { } token) _authorization = new AuthenticationHeaderValue("Token", token);
        else if (options.Username is { } user)
            _authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{options.Password}")));
    }

    /// <summary>Where the lines go (no secret in it).</summary>
    public Uri Address => _address;

    /// <exception cref="InfluxWriteException">The server answered with an error.</exception>
    /// <exception cref="HttpRequestException">The server could not be reached.</exception>
    public async Task WriteAsync(string lines, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _address) { Content = new StringContent(lines, Encoding.UTF8, "text/plain") };
        request.Headers.Authorization = _authorization;
        using var response = await _http.SendAsync(request, ct);
        if (response.IsSuccessStatusCode) return;
        var body = await response.Content.ReadAsStringAsync(ct);
        throw new InfluxWriteException((int)response.StatusCode, body.Length > 200 ? body[..200] : body);
    }
}

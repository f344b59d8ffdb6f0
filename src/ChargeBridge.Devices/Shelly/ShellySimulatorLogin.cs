using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace ChargeBridge.Devices.Shelly;

/// <summary>The simulator's side of a Shelly login: HTTP basic on Gen1, HTTP digest with SHA-256 and qop=auth on Gen2
/// and later (as the Shelly API documents), so a client is tested against the challenge a real device sends.</summary>
internal sealed partial class ShellySimulatorLogin(ShellyModel model, string username, string password, string realm)
{
    private readonly string _nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    /// <summary>Whether the request carries the right login; if not, the response gets the 401 challenge.</summary>
    public bool Admit(HttpContext http)
    {
        var header = http.Request.Headers.Authorization.ToString();
        var admitted = model == ShellyModel.Gen1Em ? BasicMatches(header) : DigestMatches(header, http.Request.Method);
        if (!admitted)
        {
            http.Response.StatusCode = StatusCodes.Status401Unauthorized;
            http.Response.Headers.WWWAuthenticate = model == ShellyModel.Gen1Em
                ? $"Basic realm=\"{realm}\""
                : $"Digest qop=\"auth\", realm=\"{realm}\", nonce=\"{_nonce}\", algorithm=SHA-256";
        }
        return admitted;
    }

    private bool BasicMatches(string header) =>
        header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)
        && header[6..].Trim() == Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{password}"));

    private bool DigestMatches(string header, string method)
    {
        if (!header.StartsWith("Digest ", StringComparison.OrdinalIgnoreCase)) return false;
        var p = DigestParameter().Matches(header[7..]).ToDictionary(m => m.Groups["key"].Value, m => m.Groups["quoted"].Success ? m.Groups["quoted"].Value : m.Groups["bare"].Value, StringComparer.OrdinalIgnoreCase);
        if (!p.TryGetValue("username", out var user) || user != username || p.GetValueOrDefault("nonce") != _nonce) return false;
        var ha1 = Sha256($"{username}:{realm}:{password}");
        var ha2 = Sha256($"{method}:{p.GetValueOrDefault("uri")}");
        var expected = Sha256($"{ha1}:{_nonce}:{p.GetValueOrDefault("nc")}:{p.GetValueOrDefault("cnonce")}:auth:{ha2}");
        return string.Equals(p.GetValueOrDefault("response"), expected, StringComparison.OrdinalIgnoreCase);
    }

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    [GeneratedRegex("""(?<key>[\w-]+)\s*=\s*(?:"(?<quoted>[^"]*)"|(?<bare>[^\s,]*))""")]
    private static partial Regex DigestParameter();
}

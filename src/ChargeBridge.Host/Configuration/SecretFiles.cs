using Microsoft.Extensions.Configuration;

namespace ChargeBridge.Host.Configuration;

/// <summary>
/// Secrets kept in files instead of configuration: any key <c>…:TokenFile</c> or <c>…:PasswordFile</c> (for example
/// <c>HomeAssistant:TokenFile</c>, <c>…V2GConfig:FlexMeasures:PasswordFile</c>, set in a file or as
/// <c>HomeAssistant__TokenFile=/run/secrets/ha_token</c>) names a file whose content (without its trailing line
/// break) becomes the key's <c>Token</c> / <c>Password</c> beside it. Docker secrets and files of mode 600 work so.
/// Errors name the key and the path, never what the file holds.
/// </summary>
internal static class SecretFiles
{
    private static readonly string[] Suffixes = ["TokenFile", "PasswordFile"];

    /// <exception cref="InvalidOperationException">A named file is missing, unreadable or empty, or the secret is set as well.</exception>
    public static void AddSecretFiles(this IConfigurationManager configuration)
    {
        var secrets = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, path) in configuration.AsEnumerable())
        {
            var last = key[(key.LastIndexOf(':') + 1)..];
            if (string.IsNullOrWhiteSpace(path) || !Suffixes.Any(s => s.Equals(last, StringComparison.OrdinalIgnoreCase))) continue;
            var secretKey = key[..^"File".Length];
            if (!string.IsNullOrEmpty(configuration[secretKey]))
                throw new InvalidOperationException($"{key} and {secretKey} are both set: keep one.");
            secrets[secretKey] = Read(key, path);
        }
        if (secrets.Count > 0) configuration.AddInMemoryCollection(secrets);
    }

    private static string Read(string key, string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"{key}: {path} cannot be read ({e.GetType().Name}).");
        }
        var secret = text.TrimEnd('\r', '\n');
        return secret.Length > 0 ? secret : throw new InvalidOperationException($"{key}: {path} is empty.");
    }
}

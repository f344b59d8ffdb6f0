using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace ChargeBridge.HassModel.Client;

/// <summary>HA's REST API with a Bearer token: publishing entity states (sensors with attributes) and firing events.</summary>
public sealed class HaRestClient
{
    private readonly HttpClient _http;

    /// <param name="http">An HttpClient this object configures with HA's API address and the token.</param>
    public HaRestClient(HttpClient http, HomeAssistantOptions options)
    {
        _http = http;
        _http.BaseAddress = options.RestUri;
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.Token);
    }

    /// <summary>Creates or updates <paramref name="entityId"/> with a state and attributes; returns the state HA stored.</summary>
    public async Task<EntityState> SetStateAsync(string entityId, string state, object? attributes = null, CancellationToken ct = default)
    {
        var body = new Dictionary<string, object?> { ["state"] = state };
        if (HaJson.ToElement(attributes) is { } attrs) body["attributes"] = attrs;
        using var response = await _http.PostAsJsonAsync($"states/{Uri.EscapeDataString(entityId)}", body, HaJson.Options, ct).ConfigureAwait(false);
        await EnsureSuccessAsync(response, $"POST /api/states/{entityId}", ct).ConfigureAwait(false);
        var stored = await response.Content.ReadFromJsonAsync<JsonElement>(ct).ConfigureAwait(false);
        return EntityState.FromJson(stored);
    }

    /// <summary>Fires <paramref name="eventType"/> on HA's bus.</summary>
    public async Task FireEventAsync(string eventType, object? data = null, CancellationToken ct = default)
    {
        using var response = await _http.PostAsJsonAsync($"events/{Uri.EscapeDataString(eventType)}",
            HaJson.ToElement(data) ?? JsonSerializer.SerializeToElement(new { }), HaJson.Options, ct).ConfigureAwait(false);
        await EnsureSuccessAsync(response, $"POST /api/events/{eventType}", ct).ConfigureAwait(false);
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, string what, CancellationToken ct)
    {
        if (response.IsSuccessStatusCode) return;
        var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        var hint = response.StatusCode == System.Net.HttpStatusCode.Unauthorized ? " (the access token was refused)" : "";
        throw new HaRestException(response.StatusCode, $"{what} failed with {(int)response.StatusCode}{hint}: {Shorten(text)}");
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "…";
}

/// <summary>HA's REST API answered with an error status.</summary>
public sealed class HaRestException(System.Net.HttpStatusCode status, string message) : Exception(message)
{
    public System.Net.HttpStatusCode Status { get; } = status;
}

using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChargeBridge.Devices.Quasar;

/// <summary>
/// The Wallbox cloud, as far as a hung Quasar needs it: sign in with the user's Wallbox account (HTTP Basic on
/// <c>GET auth/token/user</c>, answering a JWT), then a remote action on the charger by its serial number
/// (<c>POST v3/chargers/{serial}/remote-action</c> with <c>{"action": n}</c> and the JWT as bearer): 2 pauses the
/// session, 3 restarts the charger. The account's password is a secret: no message, log line or exception carries it.
/// A refused sign-in, a rate limit (429, with its Retry-After) and a timeout are <see cref="WallboxCloudException"/>s.
/// </summary>
public sealed class WallboxCloud(HttpClient http, string email, string password)
{
    public const int Pause = 2;
    public const int Restart = 3;

    private string? _token;

    /// <summary>Pauses the charging (or discharging) session, so a restart never leaves the car feeding in.</summary>
    public Task PauseAsync(string serial, CancellationToken ct) => ActionAsync(serial, Pause, ct);

    /// <summary>Restarts the charger: it is gone from the network for a minute or two and reports errors for minutes after.</summary>
    public Task RestartAsync(string serial, CancellationToken ct) => ActionAsync(serial, Restart, ct);

    private async Task ActionAsync(string serial, int action, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var token = _token ??= await SignInAsync(ct);
            using var request = new HttpRequestMessage(HttpMethod.Post, $"v3/chargers/{Uri.EscapeDataString(serial)}/remote-action")
            {
                Content = new StringContent(new JsonObject { ["action"] = action }.ToJsonString(), Encoding.UTF8, "application/json"),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await SendAsync(request, $"remote action {action} on charger {serial}", ct);
            // A token the cloud no longer takes: sign in once more.
            if (response.StatusCode == HttpStatusCode.Unauthorized && attempt == 0)
            {
                _token = null;
                continue;
            }
            await EnsureAsync(response, $"remote action {action} on charger {serial}", ct);
            return;
        }
    }

    private async Task<string> SignInAsync(CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "auth/token/user");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{email}:{password}")));
        using var response = await SendAsync(request, "sign-in", ct);
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            throw new WallboxCloudException($"the Wallbox cloud refused the sign-in of {email} (HTTP {(int)response.StatusCode}): check the account's e-mail and password", (int)response.StatusCode);
        await EnsureAsync(response, "sign-in", ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        try
        {
            return JsonNode.Parse(body)?["jwt"]?.GetValue<string>() is { Length: > 0 } jwt
                ? jwt
                : throw new WallboxCloudException("the Wallbox cloud's sign-in answer holds no token", (int)response.StatusCode);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new WallboxCloudException("the Wallbox cloud's sign-in answer is not the JSON expected", (int)response.StatusCode);
        }
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, string what, CancellationToken ct)
    {
        try
        {
            return await http.SendAsync(request, ct);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new WallboxCloudException($"the Wallbox cloud did not answer the {what} within {http.Timeout.TotalSeconds:0} s", null);
        }
        catch (HttpRequestException e)
        {
            throw new WallboxCloudException($"the Wallbox cloud could not be reached for the {what}: {e.Message.Replace(password, "***", StringComparison.Ordinal)}", null);
        }
    }

    private async Task EnsureAsync(HttpResponseMessage response, string what, CancellationToken ct)
    {
        if (response.IsSuccessStatusCode) return;
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
            throw new WallboxCloudException($"the Wallbox cloud limits requests: the {what} may be tried again " +
                (response.Headers.RetryAfter?.Delta is { } wait ? $"in {wait.TotalSeconds:0} s" : "later"), 429) { RetryAfter = response.Headers.RetryAfter?.Delta };
        // A server may echo what it was sent: the password never leaves in a message.
        var text = (await response.Content.ReadAsStringAsync(ct)).Replace(password, "***", StringComparison.Ordinal);
        throw new WallboxCloudException($"the Wallbox cloud refused the {what} (HTTP {(int)response.StatusCode}): {(text.Length > 200 ? text[..200] : text)}", (int)response.StatusCode);
    }
}

/// <summary>The Wallbox cloud did not do what was asked; <see cref="HttpStatus"/> is null when it did not answer.</summary>
public sealed class WallboxCloudException(string message, int? httpStatus) : Exception(message)
{
    public int? HttpStatus { get; } = httpStatus;

    /// <summary>How long the cloud asked to wait (HTTP 429 with Retry-After).</summary>
    public TimeSpan? RetryAfter { get; init; }
}

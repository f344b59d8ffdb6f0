using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChargeBridge.FlexMeasures.Client;

/// <summary>
/// FlexMeasures' token authentication for every request through it: logs in once (<c>POST api/requestAuthToken</c>
/// relative to <paramref name="baseAddress"/>), sends the bare token as <c>Authorization</c> (FlexMeasures expects no
/// "Bearer"), and on a 401 logs in again once and repeats the request; a fresh token refused too, or a failed login,
/// is a <see cref="FlexMeasuresAuthenticationException"/>. It also knows the secrets, so it can take them out of any text.
/// </summary>
public sealed class FlexMeasuresAuthHandler(Uri baseAddress, FlexMeasuresCredentials credentials, ILogger? logger = null) : DelegatingHandler
{
    private readonly ILogger _log = logger ?? NullLogger.Instance;
    private readonly SemaphoreSlim _lock = new(1, 1);
    private string? _token;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        // Buffered, so the request can be sent again after a new login.
        if (request.Content is not null) await request.Content.LoadIntoBufferAsync(ct);
        var token = await TokenAsync(null, ct);
        var response = await SendWithAsync(request, token, ct);
        if (response.StatusCode != HttpStatusCode.Unauthorized) return response;

        _log.LogInformation("FlexMeasures refused the token for {Method} {Path}; logging in again", request.Method, request.RequestUri?.AbsolutePath);
        response.Dispose();
        token = await TokenAsync(token, ct);
        response = await SendWithAsync(request, token, ct);
        if (response.StatusCode != HttpStatusCode.Unauthorized) return response;
        using (response)
        {
            var answer = await ApiAnswer.ReadAsync(response, this, null, ct);
            throw new FlexMeasuresAuthenticationException(
                $"FlexMeasures refused a fresh token for {request.Method} {request.RequestUri?.AbsolutePath}: {answer.Message}", answer.Status, answer.Message);
        }
    }

    /// <summary>The text with the password and the token replaced by ***: servers may echo what they were sent.</summary>
    public string Redact(string text)
    {
        foreach (var secret in new[] { credentials.Password, _token })
            if (!string.IsNullOrEmpty(secret))
                text = text.Replace(secret, "***", StringComparison.Ordinal);
        return text;
    }

    private Task<HttpResponseMessage> SendWithAsync(HttpRequestMessage request, string token, CancellationToken ct)
    {
        request.Headers.Remove("Authorization");
        request.Headers.TryAddWithoutValidation("Authorization", token);
        return base.SendAsync(request, ct);
    }

    /// <summary>The cached token, or a new one when there is none or the server refused <paramref name="refused"/>.</summary>
    private async Task<string> TokenAsync(string? refused, CancellationToken ct)
    {
        await _lock.WaitAsync(ct);
        try
        {
            if (_token is not null && _token != refused) return _token;
            _token = null;
            var body = new JsonObject { ["email"] = credentials.Email, ["password"] = credentials.Password };
            using var login = new HttpRequestMessage(HttpMethod.Post, new Uri(baseAddress, "api/requestAuthToken"))
            {
                Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
            };
            using var response = await base.SendAsync(login, ct);
            var answer = await ApiAnswer.ReadAsync(response, this, null, ct);
            if (!answer.IsSuccess)
                throw new FlexMeasuresAuthenticationException(
                    $"FlexMeasures login of {credentials.Email} failed (HTTP {answer.Status}): {answer.Message}", answer.Status, answer.Message);
            // The server's code says "auth_token"; its OpenAPI description says "authentication_token".
            _token = JsonFields.OptionalText(answer.Body, "auth_token") ?? JsonFields.OptionalText(answer.Body, "authentication_token")
                     ?? throw new FlexMeasuresAuthenticationException("FlexMeasures login answer holds no token.", answer.Status, null);
            _log.LogInformation("Logged in to FlexMeasures as {Email}", credentials.Email);
            return _token;
        }
        finally
        {
            _lock.Release();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _lock.Dispose();
        base.Dispose(disposing);
    }
}

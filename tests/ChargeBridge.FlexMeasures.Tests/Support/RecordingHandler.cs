using System.Text.Json.Nodes;

namespace ChargeBridge.FlexMeasures.Tests.Support;

/// <summary>Sits between the client and the network and remembers every request (body parsed as JSON) and answer.</summary>
internal sealed class RecordingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private readonly List<Exchange> _exchanges = [];

    public IReadOnlyList<Exchange> Exchanges { get { lock (_exchanges) return _exchanges.ToList(); } }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var body = request.Content is null ? null : JsonNode.Parse(await request.Content.ReadAsStringAsync(ct));
        var authorization = request.Headers.TryGetValues("Authorization", out var values) ? values.Single() : null;
        var response = await base.SendAsync(request, ct);
        lock (_exchanges)
            _exchanges.Add(new Exchange(request.Method, request.RequestUri!.AbsolutePath, request.RequestUri.Query, body, authorization, (int)response.StatusCode));
        return response;
    }

    public sealed record Exchange(HttpMethod Method, string Path, string Query, JsonNode? Body, string? Authorization, int Status);
}

/// <summary>Answers each request with the next canned response, as FlexMeasures would for a scripted conversation.</summary>
internal sealed class ScriptedHandler(params (int Status, string Body)[] answers) : HttpMessageHandler
{
    private int _next;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var (status, body) = answers[Math.Min(_next++, answers.Length - 1)];
        return Task.FromResult(new HttpResponseMessage((System.Net.HttpStatusCode)status)
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
        });
    }
}

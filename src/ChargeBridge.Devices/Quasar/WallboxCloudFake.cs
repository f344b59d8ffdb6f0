using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChargeBridge.Devices.Quasar;

/// <summary>
/// The Wallbox cloud's sign-in and remote-action endpoints on 127.0.0.1, for tests and the demo: it checks the Basic
/// credentials, the bearer token, the charger's serial and the action, keeps every action it took, and can refuse the
/// sign-in, answer 429 with a Retry-After, expire its token once, or hang.
/// </summary>
public sealed class WallboxCloudFake(string email, string password, string serial) : IAsyncDisposable
{
    private readonly ConcurrentQueue<int> _actions = new();
    private readonly CancellationTokenSource _stopping = new();
    private WebApplication? _app;
    private int _signIns;
    private string _token = Guid.NewGuid().ToString("N");

    /// <summary>Raised with each remote action taken (a twin restarts itself on action 3).</summary>
    public event Action<int>? ActionTaken;

    /// <summary>Remote actions taken on the charger, in order.</summary>
    public IReadOnlyList<int> Actions => [.. _actions];

    public int SignIns => Volatile.Read(ref _signIns);
    public bool RefuseSignIn { get; set; }
    /// <summary>Answer 429 with this Retry-After to every remote action while set.</summary>
    public TimeSpan? RateLimit { get; set; }
    /// <summary>Leave every request unanswered while set.</summary>
    public bool Hang { get; set; }
    public int Port { get; private set; }
    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    public static async Task<WallboxCloudFake> StartAsync(string email, string password, string serial)
    {
        var fake = new WallboxCloudFake(email, password, serial);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapGet("/auth/token/user", (Delegate)fake.SignInAsync);
        app.MapPost("/v3/chargers/{charger}/remote-action", (Delegate)fake.ActionAsync);
        await app.StartAsync();
        fake._app = app;
        fake.Port = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;
        return fake;
    }

    /// <summary>The next remote action finds the token expired (401), as after the cloud's token lifetime.</summary>
    public void ExpireToken() => _token = Guid.NewGuid().ToString("N");

    private async Task<IResult> SignInAsync(HttpContext http)
    {
        await HangIfAsked(http);
        Interlocked.Increment(ref _signIns);
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{email}:{password}"));
        if (RefuseSignIn || http.Request.Headers.Authorization.ToString() != expected)
            return Results.Json(new { error = true, msg = "Invalid user or password" }, statusCode: 401);
        _token = Guid.NewGuid().ToString("N");
        return Results.Json(new { jwt = _token, user = 1, ttl = 900 });
    }

    private async Task<IResult> ActionAsync(HttpContext http, string charger)
    {
        await HangIfAsked(http);
        if (!AuthenticationHeaderValue.TryParse(http.Request.Headers.Authorization.ToString(), out var bearer)
            || bearer.Scheme != "Bearer" || bearer.Parameter != _token)
            return Results.Json(new { error = true, msg = "Token expired" }, statusCode: 401);
        if (charger != serial) return Results.Json(new { error = true, msg = "Charger not found" }, statusCode: 404);
        if (RateLimit is { } wait)
        {
            http.Response.Headers.RetryAfter = ((int)wait.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Results.Json(new { error = true, msg = "Too many requests" }, statusCode: 429);
        }
        var body = await JsonNode.ParseAsync(http.Request.Body);
        var action = body?["action"]?.GetValue<int>();
        if (action is not (WallboxCloud.Pause or WallboxCloud.Restart))
            return Results.Json(new { error = true, msg = $"Unknown action {action}" }, statusCode: 400);
        _actions.Enqueue(action.Value);
        ActionTaken?.Invoke(action.Value);
        return Results.Json(new { id = action, status = "ok" });
    }

    private async Task HangIfAsked(HttpContext http)
    {
        if (!Hang) return;
        using var both = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, _stopping.Token);
        try
        {
            await Task.Delay(Timeout.Infinite, both.Token);
        }
        catch (OperationCanceledException)
        {
            // The client gave up or the fake is stopping.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        if (_app is not null) await _app.DisposeAsync();
        _stopping.Dispose();
    }
}

using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using ChargeBridge.FlexMeasures.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChargeBridge.FlexMeasures.Fake;

/// <summary>
/// A FlexMeasures API v3 server on 127.0.0.1 (ephemeral port) for tests, benchmarks and the demo. It answers with
/// the bodies real servers send (see the fixtures), runs scheduling jobs that take time on <see cref="TimeProvider"/>,
/// and stores posted beliefs keyed by event start and belief time as FlexMeasures does, so a repeated post with the
/// same horizon is recognised rather than stored twice.
/// </summary>
public sealed class FakeFlexMeasuresServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, DateTimeOffset> _tokens = new();
    private readonly Dictionary<string, Job> _jobs = new();
    private readonly Dictionary<int, List<ReceivedValue>> _received = new();
    private readonly HashSet<(int Sensor, DateTimeOffset Start, DateTimeOffset BeliefTime)> _beliefs = new();
    private readonly List<JsonObject> _triggers = new();
    private int _logins;

    private FakeFlexMeasuresServer(WebApplication app, TimeProvider time, FakeFlexMeasuresBehaviour behaviour)
    {
        _app = app;
        _time = time;
        Behaviour = behaviour;
    }

    public FakeFlexMeasuresBehaviour Behaviour { get; }
    public Uri BaseAddress { get; private set; } = null!;

    public int Logins { get { lock (_gate) return _logins; } }

    /// <summary>Trigger bodies in the order received.</summary>
    public IReadOnlyList<JsonObject> Triggers { get { lock (_gate) return _triggers.ToList(); } }

    /// <summary>Beliefs stored on <paramref name="sensor"/>, in the order they arrived (duplicates are not stored).</summary>
    public IReadOnlyList<ReceivedValue> Received(int sensor)
    {
        lock (_gate) return _received.TryGetValue(sensor, out var list) ? list.ToList() : [];
    }

    public static async Task<FakeFlexMeasuresServer> StartAsync(TimeProvider time, FakeFlexMeasuresBehaviour? behaviour = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new FakeFlexMeasuresServer(app, time, behaviour ?? new FakeFlexMeasuresBehaviour());
        server.Map();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseAddress = new Uri(address + "/");
        return server;
    }

    /// <summary>Stores values as if another party (a price feed) had posted them; null leaves a gap.</summary>
    public void Seed(int sensor, DateTimeOffset start, TimeSpan resolution, IEnumerable<double?> values)
    {
        lock (_gate)
        {
            var list = ReceivedList(sensor);
            var at = start;
            foreach (var value in values)
            {
                if (value is { } v) list.Add(new ReceivedValue(at, resolution, v));
                at += resolution;
            }
        }
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private void Map()
    {
        _app.MapPost("/api/requestAuthToken", ctx => Guarded(ctx, false, Login));
        _app.MapPost("/api/v3_0/sensors/{id:int}/schedules/trigger", ctx => Guarded(ctx, true, TriggerForSensor));
        _app.MapPost("/api/v3_0/assets/{id:int}/schedules/trigger", ctx => Guarded(ctx, true, TriggerForAsset));
        _app.MapGet("/api/v3_0/sensors/{id:int}", ctx => Guarded(ctx, true, GetSensor));
        _app.MapGet("/api/v3_0/sensors/{id:int}/schedules/{job}", ctx => Guarded(ctx, true, GetSchedule));
        _app.MapPost("/api/v3_0/sensors/{id:int}/data", ctx => Guarded(ctx, true, PostData));
        _app.MapGet("/api/v3_0/sensors/{id:int}/data", ctx => Guarded(ctx, true, GetData));
    }

    /// <summary>Applies the injected faults and the token check before the endpoint itself.</summary>
    private async Task Guarded(HttpContext ctx, bool needsToken, Func<HttpContext, Task<IResult>> endpoint)
    {
        if (Behaviour.Hang > TimeSpan.Zero)
            await Task.Delay(Behaviour.Hang, ctx.RequestAborted);
        IResult result;
        lock (_gate)
        {
            if (Behaviour.Down || Behaviour.ServerErrors > 0)
            {
                if (!Behaviour.Down) Behaviour.ServerErrors--;
                result = Results.Text("<html><body>Internal Server Error</body></html>", "text/html", statusCode: 500);
            }
            else if (needsToken && !TokenValid(ctx.Request.Headers.Authorization.ToString()))
                result = Results.Json(new { result = "Rejected", status = "UNAUTHORIZED", message = "You could not be properly authenticated." }, statusCode: 401);
            else
                result = null!;
        }
        result ??= await endpoint(ctx);
        await result.ExecuteAsync(ctx);
    }

    private bool TokenValid(string token) =>
        _tokens.TryGetValue(token, out var issued) && _time.GetUtcNow() - issued < Behaviour.TokenLifetime;

    private async Task<IResult> Login(HttpContext ctx)
    {
        var body = await Body(ctx);
        var email = body?["email"]?.GetValue<string>();
        var password = body?["password"]?.GetValue<string>();
        if (email is null || password is null)
            return Results.Json(new { errors = new[] { $"Please provide the '{(email is null ? "email" : "password")}' parameter." } }, statusCode: 400);
        if (email != Behaviour.Email)
            return Results.Json(new { errors = new[] { $"User with email '{email}' does not exist" } }, statusCode: 404);
        if (password != Behaviour.Password)
            return Results.Json(new { errors = new[] { "User password does not match." } }, statusCode: 401);
        var token = Convert.ToHexString(Guid.NewGuid().ToByteArray());
        lock (_gate)
        {
            _tokens[token] = _time.GetUtcNow();
            _logins++;
        }
        return Results.Json(new JsonObject { ["auth_token"] = token, ["user_id"] = 1 });
    }

    private Task<IResult> GetSensor(HttpContext ctx) => Task.FromResult(Results.Json(new JsonObject
    {
        ["id"] = int.Parse((string)ctx.Request.RouteValues["id"]!, CultureInfo.InvariantCulture),
        ["generic_asset_id"] = Behaviour.AssetId, ["name"] = "charger power",
    }));

    private Task<IResult> TriggerForSensor(HttpContext ctx) => Trigger(ctx, false);
    private Task<IResult> TriggerForAsset(HttpContext ctx) => Trigger(ctx, true);

    private async Task<IResult> Trigger(HttpContext ctx, bool assetEndpoint)
    {
        var body = await Body(ctx) as JsonObject;
        var model = assetEndpoint ? (body?["flex-model"] as JsonArray)?.FirstOrDefault() as JsonObject : body?["flex-model"] as JsonObject;
        if (body?["start"] is null || model is null)
            return Unprocessable(body?["start"] is null ? "start" : "flex-model", "Missing data for required field.");
        if (body.Select(p => p.Key).FirstOrDefault(k => k is not ("start" or "duration" or "resolution" or "prior" or "flex-model" or "flex-context" or "force-new-job-creation" or "sequential")) is { } unknown)
            return Unprocessable(unknown, "Unknown field.");

        var start = DateTimeOffset.Parse(body["start"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        var duration = body["duration"] is { } d ? IsoDuration.Parse(d.GetValue<string>()) : TimeSpan.FromHours(48);
        var resolution = Behaviour.ScheduleResolution
                         ?? (body["resolution"] is { } r ? IsoDuration.Parse(r.GetValue<string>()) : TimeSpan.FromMinutes(15));
        var values = Behaviour.FallbackSchedules
            ? Enumerable.Repeat(0.0, (int)(duration / resolution)).ToArray()
            : FakeScheduler.Plan(model, start, duration, resolution);
        var id = Guid.NewGuid().ToString();
        var sensor = int.Parse((string)ctx.Request.RouteValues["id"]!, CultureInfo.InvariantCulture);
        lock (_gate)
        {
            _triggers.Add(body);
            _jobs[id] = new Job(_time.GetUtcNow(), Behaviour.FailJobs, start, resolution, values);
        }
        if (Behaviour.LegacyTriggerAnswer)
            return Results.Json(new JsonObject { ["schedule"] = id, ["status"] = "PROCESSED", ["message"] = "Request has been processed." });
        return Results.Json(new JsonObject
        {
            ["status"] = "ACCEPTED", ["job"] = id, ["schedule"] = id, ["job-url"] = $"/api/v3_0/jobs/{id}",
            ["results-url"] = $"/api/v3_0/sensors/{sensor}/schedules/{id}", ["message"] = "Request has been accepted for processing.",
        }, statusCode: 202);
    }

    private Task<IResult> GetSchedule(HttpContext ctx)
    {
        var id = (string)ctx.Request.RouteValues["job"]!;
        Job? job;
        lock (_gate) _jobs.TryGetValue(id, out job);
        if (job is null)
            return Task.FromResult(Rejected("UNRECOGNIZED_UDI_EVENT", $"The requested UDI event (id = {id}, type = job) is not known."));

        var age = _time.GetUtcNow() - job.Created;
        if (age < Behaviour.QueueDelay + Behaviour.RunDelay)
            return Task.FromResult(NotReady(ctx, queued: age < Behaviour.QueueDelay));
        if (job.Failed)
            return Task.FromResult(Rejected("UNKNOWN_SCHEDULE",
                "No known schedule for this time period. Scheduling job failed with InfeasibleProblemException: infeasible. StorageScheduler was used."));

        var wanted = ctx.Request.Query["duration"] is { Count: > 0 } q ? IsoDuration.Parse(q[0]!) : TimeSpan.FromHours(6);
        var count = Math.Min(job.Values.Length, (int)(wanted / job.Resolution));
        var values = new JsonArray();
        foreach (var v in job.Values.Take(count)) values.Add(v);
        var scheduler = Behaviour.FallbackSchedules ? "StorageFallbackScheduler" : "StorageScheduler";
        return Task.FromResult(Results.Json(new JsonObject
        {
            ["scheduler_info"] = new JsonObject { ["scheduler"] = scheduler }, ["values"] = values,
            ["start"] = job.Start.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture),
            ["duration"] = IsoDuration.Format(job.Resolution * count), ["unit"] = "MW", ["status"] = "PROCESSED",
            ["message"] = $"Request has been processed. {scheduler} was used.",
        }));
    }

    private IResult NotReady(HttpContext ctx, bool queued)
    {
        var progress = queued ? "Scheduling job waiting to be processed." : "Scheduling job in progress.";
        switch (Behaviour.NotReady)
        {
            case NotReadyStyle.Http202Status:
                return Results.Json(new JsonObject { ["status"] = queued ? "QUEUED" : "STARTED", ["message"] = progress + " StorageScheduler was used." }, statusCode: 202);
            case NotReadyStyle.Http503RetryAfter:
                ctx.Response.Headers.RetryAfter = "1";
                return Results.Json(new JsonObject { ["status"] = "SERVICE_UNAVAILABLE", ["message"] = progress }, statusCode: 503);
            default:
                return Rejected("UNKNOWN_SCHEDULE", $"No known schedule for this time period. {progress} StorageScheduler was used.");
        }
    }

    private async Task<IResult> PostData(HttpContext ctx)
    {
        var body = await Body(ctx) as JsonObject;
        foreach (var field in new[] { "sensor", "start", "duration", "unit", "values" })
            if (body?[field] is null)
                return Unprocessable(field, "Missing data for required field.");
        var sensor = body!["sensor"]!.GetValue<int>();
        if (sensor == Behaviour.FailPostsToSensor)
            return Results.Text("Internal Server Error", statusCode: 500);
        var start = DateTimeOffset.Parse(body["start"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        var values = body["values"]!.AsArray().Select(v => v!.GetValue<double>()).ToList();
        var resolution = IsoDuration.Parse(body["duration"]!.GetValue<string>()) / values.Count;
        TimeSpan? horizon = body["horizon"] is { } h ? IsoDuration.Parse(h.GetValue<string>() == "PT0H" ? "PT0S" : h.GetValue<string>()) : null;

        bool anyNew = false, failAfterStoring;
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            var list = ReceivedList(sensor);
            for (var i = 0; i < values.Count; i++)
            {
                var eventStart = start + resolution * i;
                var beliefTime = horizon is { } hz ? eventStart + resolution - hz : now;
                if (!_beliefs.Add((sensor, eventStart, beliefTime))) continue;
                list.Add(new ReceivedValue(eventStart, resolution, values[i]));
                anyNew = true;
            }
            failAfterStoring = Behaviour.StoreThenFailPosts > 0;
            if (failAfterStoring) Behaviour.StoreThenFailPosts--;
        }
        if (failAfterStoring)
            return Results.Text("Internal Server Error", statusCode: 500);
        return anyNew
            ? Results.Json(new JsonObject { ["status"] = "PROCESSED", ["message"] = "Request has been processed." })
            : Results.Json(new JsonObject { ["status"] = "ALREADY_RECEIVED_AND_SUCCESSFULLY_PROCESSED", ["message"] = "This data has already been received and successfully processed." });
    }

    private Task<IResult> GetData(HttpContext ctx)
    {
        var sensor = int.Parse((string)ctx.Request.RouteValues["id"]!, CultureInfo.InvariantCulture);
        var query = ctx.Request.Query;
        if (query["start"].Count == 0 || query["duration"].Count == 0 || query["unit"].Count == 0)
            return Task.FromResult(Unprocessable("start", "Missing data for required field."));
        var start = DateTimeOffset.Parse(query["start"][0]!, CultureInfo.InvariantCulture);
        var duration = IsoDuration.Parse(query["duration"][0]!);
        var resolution = query["resolution"].Count > 0 ? IsoDuration.Parse(query["resolution"][0]!) : TimeSpan.FromHours(1);
        Dictionary<DateTimeOffset, double> known;
        lock (_gate) known = ReceivedList(sensor).GroupBy(v => v.Start).ToDictionary(g => g.Key, g => g.Last().Value);
        var values = new JsonArray();
        for (var at = start; at < start + duration; at += resolution)
            values.Add(known.TryGetValue(at, out var v) ? v : null);
        return Task.FromResult(Results.Json(new JsonObject
        {
            ["values"] = values, ["start"] = query["start"][0], ["duration"] = query["duration"][0], ["unit"] = query["unit"][0],
            ["resolution"] = IsoDuration.Format(resolution), ["status"] = "PROCESSED", ["message"] = "Request has been processed.",
        }));
    }

    private List<ReceivedValue> ReceivedList(int sensor)
    {
        if (!_received.TryGetValue(sensor, out var list)) _received[sensor] = list = [];
        return list;
    }

    private static async Task<JsonNode?> Body(HttpContext ctx)
    {
        using var reader = new StreamReader(ctx.Request.Body);
        var text = await reader.ReadToEndAsync(ctx.RequestAborted);
        try
        {
            return JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static IResult Rejected(string status, string message) =>
        Results.Json(new JsonObject { ["result"] = "Rejected", ["status"] = status, ["message"] = message }, statusCode: 400);

    private static IResult Unprocessable(string field, string message) =>
        Results.Json(new JsonObject
        {
            ["result"] = "Rejected", ["status"] = "UNPROCESSABLE_ENTITY",
            ["message"] = new JsonObject { ["json"] = new JsonObject { [field] = new JsonArray(message) } },
        }, statusCode: 422);

    private sealed record Job(DateTimeOffset Created, bool Failed, DateTimeOffset Start, TimeSpan Resolution, double[] Values);
}

/// <summary>One stored belief: the event starting at <see cref="Start"/> lasting <see cref="Resolution"/>.</summary>
public sealed record ReceivedValue(DateTimeOffset Start, TimeSpan Resolution, double Value);

using ChargeBridge.Core.Planning;
using ChargeBridge.FlexMeasures.Client;
using ChargeBridge.FlexMeasures.Outbox;
using ChargeBridge.FlexMeasures.Planning;
using Microsoft.Extensions.Logging;

namespace ChargeBridge.Apps.V2G.FlexMeasures;

/// <summary>
/// Everything the V2G app does with FlexMeasures: the client on one account, the planner (FlexMeasures first, the local
/// optimiser when it fails), and the measurements, recorded into the SQLite outbox in the data folder and sent every hour.
/// </summary>
internal sealed class FlexMeasuresLink : IAsyncDisposable
{
    private readonly HttpClient _http;
    private readonly MeasurementOutbox _outbox;
    private readonly MeasurementUploader _uploader;
    private readonly CancellationTokenSource _stop = new();
    private Task _uploading = Task.CompletedTask;

    private FlexMeasuresLink(HttpClient http, FlexMeasuresClient client, FallbackPlanner planner, MeasurementOutbox outbox, MeasurementUploader uploader)
    {
        _http = http;
        Client = client;
        Planner = planner;
        _outbox = outbox;
        Recorder = new MeasurementRecorder(outbox);
        _uploader = uploader;
    }

    /// <summary>The name of the FlexMeasures connections in the host's HTTP handler factory.</summary>
    public const string HttpClientName = "FlexMeasures";

    public FlexMeasuresClient Client { get; }
    public FallbackPlanner Planner { get; }
    public MeasurementRecorder Recorder { get; }

    /// <exception cref="InvalidOperationException">The section is incomplete; the message names the key (never the password).</exception>
    /// <param name="handlers">The host's HTTP handler factory: the connection pool the client's HttpClient sends through.</param>
    public static FlexMeasuresLink Create(FlexMeasuresConfig config, IPlanner local, string dataFolder, TimeProvider time, ILogger logger,
        IHttpMessageHandlerFactory handlers)
    {
        if (config.Validate().FirstOrDefault() is { } problem) throw new InvalidOperationException("V2GConfig:FlexMeasures:" + problem);
        var (client, http) = FlexMeasuresClient.Create(handlers.CreateHandler(HttpClientName), config.BaseAddress, TimeSpan.FromSeconds(config.TimeoutSeconds),
            new FlexMeasuresCredentials(config.Email, config.Password), time, logger: logger);
        var options = new FlexMeasuresPlannerOptions(config.PowerSensor, config.ConsumptionPriceSensor, config.ProductionPriceSensor, AssetId: config.AssetId);
        var planner = new FallbackPlanner(new FlexMeasuresPlanner(client, options), local, time, logger);
        var outbox = MeasurementOutbox.Open(dataFolder);
        var uploader = new MeasurementUploader(outbox, client, new MeasurementSensors(config.PowerSensor, config.SocSensor, config.AvailabilitySensor),
            time, logger);
        return new FlexMeasuresLink(http, client, planner, outbox, uploader);
    }

    /// <summary>Starts the hourly sending of measurements.</summary>
    public void Start() => _uploading = _uploader.RunAsync(_stop.Token);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _uploading;
        }
        catch (OperationCanceledException)
        {
            // Stopping: what was not sent stays in the outbox for the next start.
        }
        _outbox.Dispose();
        _http.Dispose();
        _stop.Dispose();
    }
}

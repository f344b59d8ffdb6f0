using System.Text;
using System.Threading.Channels;
using ChargeBridge.Core.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace ChargeBridge.Telemetry;

/// <summary>
/// Samples to InfluxDB without holding up the control loop: <see cref="Publish"/> only puts the sample in a bounded
/// buffer (<see cref="TelemetryOptions.BufferSize"/> samples) and returns; a background writer sends what waits every
/// <see cref="TelemetryOptions.Flush"/>, or at once when <see cref="TelemetryOptions.BatchSize"/> samples wait, as one
/// line-protocol request. A write that fails is tried again with the same batch, the wait doubling from
/// <see cref="TelemetryOptions.RetryDelay"/> to <see cref="TelemetryOptions.MaxRetryDelay"/>, until the server takes it,
/// so nothing buffered is lost while the server is down as long as no more than the buffer's bound (plus the batch
/// being written) waits; beyond it the oldest samples are dropped, counted and reported in a warning.
/// </summary>
public sealed class InfluxSink : BackgroundService, ITelemetrySink
{
    private readonly TelemetryOptions _options;
    private readonly HttpClient _http;
    private readonly InfluxWriter _writer;
    private readonly TelemetryMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Channel<TelemetrySample> _buffer;
    private readonly Channel<bool> _full = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly ResiliencePipeline _retry;
    /// <summary>The longest the last write at stop may take.</summary>
    private static readonly TimeSpan StopWriteLimit = TimeSpan.FromSeconds(2);

    private long _droppedUnreported;
    private long _droppedTotal;
    private long _writtenTotal;
    // The status is read from the site loop while the writer changes it.
    private readonly object _statusLock = new();
    private long _failures;
    private DateTimeOffset? _lastWrite;
    private DateTimeOffset? _failingSince;

    public InfluxSink(TelemetryOptions options, HttpClient http, TelemetryMetrics metrics, TimeProvider time, ILogger<InfluxSink> logger)
    {
        (_options, _metrics, _time, _logger) = (options, metrics, time, logger);
        // The sink owns the client: its timeout is the write's, and it goes with the sink.
        (_http, http.Timeout) = (http, options.WriteTimeout);
        _writer = new InfluxWriter(http, options);
        _buffer = Channel.CreateBounded<TelemetrySample>(
            new BoundedChannelOptions(options.BufferSize) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            _ => Dropped());
        _retry = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<HttpRequestException>().Handle<InfluxWriteException>(e => !e.Permanent)
                    .Handle<TaskCanceledException>(e => e.InnerException is TimeoutException),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                Delay = options.RetryDelay,
                MaxDelay = options.MaxRetryDelay,
                UseJitter = true,
                OnRetry = args => { Failed(args.Outcome.Exception); return default; },
            })
            .Build();
    }

    /// <summary>Samples waiting in the buffer (not counting a batch being written).</summary>
    public int Waiting => _buffer.Reader.Count;

    /// <summary>Samples dropped since the start (from the full buffer, or refused by the server).</summary>
    public long DroppedTotal => Interlocked.Read(ref _droppedTotal);

    /// <summary>Line-protocol points the server has taken since the start.</summary>
    public long WrittenTotal => Interlocked.Read(ref _writtenTotal);

    public TelemetryStatus Status
    {
        get
        {
            lock (_statusLock)
                return new(_failingSince is null ? TelemetryState.Ok : TelemetryState.Failing, WrittenTotal, DroppedTotal, _failures, _lastWrite, _failingSince);
        }
    }

    public void Publish(TelemetrySample sample)
    {
        _metrics.Publish(sample);
        _buffer.Writer.TryWrite(sample);
        if (_buffer.Reader.Count >= _options.BatchSize) _full.Writer.TryWrite(true);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _logger.LogInformation("Telemetry: writing samples to {InfluxAddress} every {FlushSeconds} s, up to {BufferSize} buffered",
            _writer.Address.GetLeftPart(UriPartial.Path), _options.Flush.TotalSeconds, _options.BufferSize);
        var batch = new List<TelemetrySample>(_options.BatchSize);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await WaitForFlushAsync(stoppingToken);
                while (Take(batch)) await WriteAsync(batch, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        // Stopping: one last try at what waits, kept short so that a server that is down does not hold up the host's stop
        // beyond the few seconds a container is given.
        using var last = new CancellationTokenSource(_options.WriteTimeout < StopWriteLimit ? _options.WriteTimeout : StopWriteLimit);
        try
        {
            if (batch.Count > 0 || Take(batch)) await WriteOnceAsync(batch, last.Token);
        }
        catch (Exception e) when (e is HttpRequestException or InfluxWriteException or OperationCanceledException)
        {
            _logger.LogWarning("Telemetry: {Samples} samples not written at stop: {Reason}", batch.Count + Waiting, e.Message);
        }
    }

    /// <summary>Until the flush interval passes or a batch's worth waits.</summary>
    private async Task WaitForFlushAsync(CancellationToken ct)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var interval = Task.Delay(_options.Flush, _time, wait.Token);
        var full = _full.Reader.ReadAsync(wait.Token).AsTask();
        await Task.WhenAny(interval, full);
        await wait.CancelAsync();
        ct.ThrowIfCancellationRequested();
    }

    /// <summary>Fills <paramref name="batch"/> with up to a batch of waiting samples; false when none waits.</summary>
    private bool Take(List<TelemetrySample> batch)
    {
        while (batch.Count < _options.BatchSize && _buffer.Reader.TryRead(out var sample)) batch.Add(sample);
        return batch.Count > 0;
    }

    private async Task WriteAsync(List<TelemetrySample> batch, CancellationToken ct)
    {
        try
        {
            await _retry.ExecuteAsync(async token => await WriteOnceAsync(batch, token), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A refusal of the lines themselves (400), or anything the retries do not cover: the batch goes, the writer
            // and the host stay.
            _logger.LogError("Telemetry: {Samples} samples not written and dropped: {Reason}", batch.Count, e.Message);
            _metrics.WriteFailed();
            lock (_statusLock) _failures++;
            Dropped(batch.Count);
            batch.Clear();
        }
        ReportDrops();
    }

    private async Task WriteOnceAsync(List<TelemetrySample> batch, CancellationToken ct)
    {
        var text = new StringBuilder(batch.Count * 160);
        var points = 0;
        foreach (var sample in batch) points += LineProtocol.Append(text, sample);
        if (points > 0) await _writer.WriteAsync(text.ToString(), ct);
        batch.Clear();
        Interlocked.Add(ref _writtenTotal, points);
        _metrics.Written(points);
        bool wasFailing;
        lock (_statusLock) (wasFailing, _lastWrite, _failingSince) = (_failingSince is not null, _time.GetUtcNow(), null);
        if (wasFailing) _logger.LogInformation("Telemetry: InfluxDB takes writes again; {Waiting} samples still buffered", Waiting);
    }

    private void Failed(Exception? reason)
    {
        _metrics.WriteFailed();
        bool wasFailing;
        lock (_statusLock)
        {
            wasFailing = _failingSince is not null;
            _failures++;
            _failingSince ??= _time.GetUtcNow();
        }
        if (!wasFailing)
            _logger.LogWarning("Telemetry: writing to {InfluxAddress} failed ({Reason}); samples are buffered (up to {BufferSize}) and sent when it answers",
                _writer.Address.GetLeftPart(UriPartial.Path), reason?.Message, _options.BufferSize);
        ReportDrops();
    }

    private void Dropped(int samples = 1)
    {
        Interlocked.Add(ref _droppedUnreported, samples);
        Interlocked.Add(ref _droppedTotal, samples);
        _metrics.Dropped(samples);
    }

    private void ReportDrops()
    {
        var dropped = Interlocked.Exchange(ref _droppedUnreported, 0);
        if (dropped == 0) return;
        _logger.LogWarning("Telemetry: buffer full ({BufferSize} samples), the oldest {DroppedSamples} dropped; {DroppedTotal} dropped since start",
            _options.BufferSize, dropped, DroppedTotal);
    }

    public override void Dispose()
    {
        base.Dispose();
        _http.Dispose();
    }
}

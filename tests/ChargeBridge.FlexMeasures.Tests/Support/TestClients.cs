using ChargeBridge.Core.Units;
using ChargeBridge.FlexMeasures.Client;
using ChargeBridge.FlexMeasures.Fake;
using Microsoft.Extensions.Logging;

namespace ChargeBridge.FlexMeasures.Tests.Support;

/// <summary>Clients wired to a scripted handler or to the loopback fake, with every exchange recorded.</summary>
internal static class TestClients
{
    public static readonly DateTimeOffset Start = new(2026, 11, 21, 0, 0, 0, TimeSpan.Zero);

    public static (FlexMeasuresClient Client, RecordingHandler Recorder) Scripted(params (int Status, string Body)[] answers)
    {
        var recorder = new RecordingHandler(new ScriptedHandler(answers));
        var (client, _) = FlexMeasuresClient.Create(recorder, new Uri("http://flexmeasures.test/"), TimeSpan.FromSeconds(100),
            new FlexMeasuresCredentials("user@example.com", "secret"), new AutoAdvancingTime(Start));
        return (client, recorder);
    }

    public static (FlexMeasuresClient Client, RecordingHandler Recorder) For(FakeFlexMeasuresServer fake, TimeProvider time,
        PollingPolicy? polling = null, ILogger? logger = null, string? password = null, TimeSpan? timeout = null)
    {
        var recorder = new RecordingHandler(new SocketsHttpHandler());
        var credentials = new FlexMeasuresCredentials(fake.Behaviour.Email, password ?? fake.Behaviour.Password);
        var (client, _) = FlexMeasuresClient.Create(recorder, fake.BaseAddress, timeout ?? TimeSpan.FromSeconds(20), credentials, time, polling, logger);
        return (client, recorder);
    }

    public static ScheduleTrigger Trigger(DateTimeOffset start) => new(
        start, TimeSpan.FromHours(27), TimeSpan.FromMinutes(5),
        new FlexModel(
            Energy.FromKilowattHours(31), Energy.FromKilowattHours(12.4), Energy.FromKilowattHours(62),
            Power.FromWatts(7400), new Percent(85),
            [TimedValue<Energy>.At(start.AddHours(8), Energy.FromKilowattHours(49.6))],
            [new TimedValue<Energy>(start, start.AddHours(27), Energy.FromKilowattHours(49.6))],
            [new TimedValue<Power>(start, start.AddHours(10), Power.FromWatts(7400)), new TimedValue<Power>(start.AddHours(10), start.AddHours(27), Power.Zero)],
            [new TimedValue<Power>(start, start.AddHours(10), Power.FromWatts(7400)), new TimedValue<Power>(start.AddHours(10), start.AddHours(27), Power.Zero)]),
        new FlexContext(11, 12, RelaxSocConstraints: true, RelaxCapacityConstraints: true));
}

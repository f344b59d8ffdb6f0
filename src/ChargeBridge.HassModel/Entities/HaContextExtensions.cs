using System.Reactive.Concurrency;
using System.Reactive.Linq;
using Microsoft.Extensions.Logging;

namespace ChargeBridge.HassModel;

/// <summary>The stream helpers apps use, shaped like NetDaemon's.</summary>
public static class HaContextExtensions
{
    public static Entity Entity(this IHaContext context, string entityId) => new(context, entityId);
    public static NumericEntity NumericEntity(this IHaContext context, string entityId) => new(context, entityId);

    public static bool IsOn(this Entity entity) => entity.State == "on";
    public static bool IsOff(this Entity entity) => entity.State == "off";
    public static bool IsOn(this EntityState? state) => state?.State == "on";
    public static bool IsOff(this EntityState? state) => state?.State == "off";

    /// <summary>The current state first (as a change from nothing), then every change of the state value.</summary>
    public static IObservable<StateChange> StateChangesWithCurrent(this Entity entity) =>
        Observable.Defer(() => entity.StateChanges().StartWith(new StateChange(entity, null, entity.EntityState)));

    /// <summary>Emits a change once the entity has stayed in a state matching <paramref name="predicate"/> for
    /// <paramref name="duration"/>; a change away from it in between cancels the wait.</summary>
    public static IObservable<StateChange> WhenStateIsFor(this IObservable<StateChange> changes, Func<EntityState?, bool> predicate,
        TimeSpan duration, IScheduler scheduler) =>
        changes.GroupBy(change => change.Entity.EntityId)
            .SelectMany(perEntity => perEntity
                .Select(change => predicate(change.New)
                    ? Observable.Timer(duration, scheduler).Select(_ => change)
                    : Observable.Empty<StateChange>())
                .Switch());

    /// <summary>Only bus events of <paramref name="eventType"/>, with their data read into <typeparamref name="T"/>.</summary>
    public static IObservable<HaEvent<T>> Filter<T>(this IObservable<HaEvent> events, string eventType) =>
        events.Where(e => e.EventType == eventType).Select(e => new HaEvent<T>(e.EventType, e.DataAs<T>(), e.TimeFired, e.Context));

    /// <summary>Subscribes so that an exception in <paramref name="onNext"/> is logged and the subscription lives on.</summary>
    public static IDisposable SubscribeSafe<T>(this IObservable<T> source, Action<T> onNext, ILogger logger) =>
        source.Subscribe(value =>
        {
            try
            {
                onNext(value);
            }
            catch (Exception e)
            {
                logger.LogError(e, "A subscriber failed on {Value}; it stays subscribed", value);
            }
        }, error => logger.LogError(error, "A stream ended with an error"));

    /// <summary>Like <see cref="SubscribeSafe{T}(IObservable{T},Action{T},ILogger)"/> for async handlers, one at a time in order.</summary>
    public static IDisposable SubscribeSafeAsync<T>(this IObservable<T> source, Func<T, Task> onNext, ILogger logger) =>
        source.Select(value => Observable.FromAsync(async () =>
            {
                try
                {
                    await onNext(value).ConfigureAwait(false);
                }
                catch (Exception e)
                {
                    logger.LogError(e, "An async subscriber failed on {Value}; it stays subscribed", value);
                }
            }))
            .Concat()
            .Subscribe(_ => { }, error => logger.LogError(error, "A stream ended with an error"));
}

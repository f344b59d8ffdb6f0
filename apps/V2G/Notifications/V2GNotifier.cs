using System.Text.Json;
using ChargeBridge.Core.Calendar;
using ChargeBridge.Core.Chargers;
using ChargeBridge.Core.Control;
using ChargeBridge.Core.Notifications;
using ChargeBridge.Core.Units;
using ChargeBridge.HassModel;
using Microsoft.Extensions.Logging;

namespace ChargeBridge.Apps.V2G.Notifications;

/// <summary>
/// The notifications and alerts of the V2G app: after each control step it sends what <see cref="NotificationPolicy"/>
/// calls for to every notify target (through a <see cref="NotificationSender"/>, which keeps each until HA accepts it),
/// publishes the alert sensors, and it handles the buttons' answers (<c>mobile_app_notification_action</c>). Without targets nothing is pushed, but the alerts still show on the sensors.
/// </summary>
internal sealed class V2GNotifier(IHaContext ha, ISensorPublisher publisher, V2GEntities entities, IReadOnlyList<string> targets, TimeZoneInfo zone, ILogger logger)
    : IDisposable
{
    public const string AnswerEvent = "mobile_app_notification_action";

    // Answers arrive on HA's event thread while steps run on the loop's.
    private readonly object _lock = new();
    private readonly NotificationPolicy _policy = new(zone, V2GEntities.ModeNames);
    private readonly PowerDeviationMonitor _deviation = new();
    private readonly NotificationSender _sender = new(ha, targets.Select(ServiceOf).ToList(), logger);
    private IDisposable? _answers;

    public void Start() => _answers = ha.Events(AnswerEvent).Subscribe(e => OnAnswer(e.Data));

    /// <summary>The events that still count: those the user dismissed neither block charging nor set a target.</summary>
    public IReadOnlyList<CalendarEvent> WithoutDismissed(IReadOnlyList<CalendarEvent> events)
    {
        lock (_lock) return events.Where(e => !_policy.IsDismissed(e)).ToList();
    }

    /// <summary>Takes one step's observation: sends what it calls for. Called by the steps, one at a time.</summary>
    public void Observe(NotificationObservation observation)
    {
        IReadOnlyList<NotificationCommand> commands;
        bool turnedOn, wasFaulted, faulted;
        lock (_lock)
        {
            wasFaulted = ChargerFaulted(_policy.Active);
            commands = _policy.Step(observation);
            faulted = ChargerFaulted(_policy.Active);
            turnedOn = _deviation.Observe(observation);
        }
        LogChargerFault(wasFaulted, faulted, observation.Status);
        _sender.Send(commands, observation.At);
        if (turnedOn && _deviation.Deviation is var (setPoint, actual))
            logger.LogWarning("Power deviation: the charger gives {Actual} for a set point of {SetPoint} for {Minutes} minutes or more",
                actual, setPoint, PowerDeviationMonitor.HoldFor.TotalMinutes);
    }

    /// <summary>Sends a notification no step's observation decides (the monthly summary) to every target.</summary>
    public void Send(MobileNotification notification, DateTimeOffset now) => _sender.Send([new SendNotification(notification)], now);

    /// <summary>Publishes the alert sensors as the last observation left them.</summary>
    public async Task PublishAsync(CancellationToken ct)
    {
        IReadOnlyList<ActiveAlert> alerts;
        bool deviating;
        (Power SetPoint, Power Actual)? deviation;
        lock (_lock) (alerts, deviating, deviation) = (_policy.Active, _deviation.IsOn, _deviation.Deviation);
        try
        {
            await AlertSensors.PublishAsync(publisher, entities, alerts, deviating, deviation, ct);
        }
        catch (HttpRequestException e)
        {
            logger.LogWarning("Alert sensors not published: {Reason}", e.Message);
        }
    }

    private static bool ChargerFaulted(IReadOnlyList<ActiveAlert> alerts) => alerts.Any(a => a.Tag == NotificationTags.ChargerCommunication);

    /// <summary>A hung or failing charger stops automation, so it is a warning, once, as its notification is; its end is not.</summary>
    private void LogChargerFault(bool wasFaulted, bool faulted, ChargerStatus status)
    {
        if (faulted && !wasFaulted)
            logger.LogWarning("Charger faulted (answering: {Reachable}): {FaultReason}; automation stopped until it recovers",
                status.Reachable, status.FaultReason ?? status.DeviceStateText);
        else if (wasFaulted && !faulted)
            logger.LogInformation("Charger recovered ({ChargerState}); automation resumed", status.State);
    }

    private void OnAnswer(JsonElement data)
    {
        if (NotificationAnswer.Parse(data) is not { } answer)
        {
            // Other automations' buttons arrive here too; only the action is logged (a reply text may be private).
            var action = data.ValueKind == JsonValueKind.Object && data.TryGetProperty("action", out var a) ? a.ToString() : "none";
            logger.LogInformation("Notification answer ignored, not one of ChargeBridge's: action {Action}", action);
            return;
        }
        logger.LogInformation("Notification answer: {Choice} {Event}", answer.Choice, answer.EventId);
        lock (_lock) _policy.Answer(answer);
        if (answer.Choice == NotificationChoice.SwitchToAutomatic)
            ha.CallService("input_select", "select_option", ServiceTarget.Entity(entities.ChargeMode.EntityId),
                new { option = V2GEntities.ModeNames[ChargeMode.Automatic] });
    }

    /// <summary>A target is a notify service name (<c>mobile_app_pixel_8</c>), with or without the <c>notify.</c> domain.</summary>
    internal static string ServiceOf(string target)
    {
        var service = target.Trim();
        return service.StartsWith("notify.", StringComparison.Ordinal) ? service["notify.".Length..] : service;
    }

    public void Dispose()
    {
        _answers?.Dispose();
        _sender.Dispose();
    }
}

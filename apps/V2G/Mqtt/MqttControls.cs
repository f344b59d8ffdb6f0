using System.Globalization;
using System.Reactive.Subjects;
using ChargeBridge.HassModel;
using ChargeBridge.HassModel.Helpers;
using ChargeBridge.HassModel.Mqtt;
using Microsoft.Extensions.Logging;

namespace ChargeBridge.Apps.V2G.Mqtt;

/// <summary>
/// The controls as MQTT entities: a command from HA (or a retained state read back at start) is taken as the helper's
/// state would be, echoed on the entity's state topic and announced on <see cref="Changes"/>. The range and options
/// were checked by the publisher; the combination is checked where the settings are read (<see cref="HelperSettings"/>),
/// as for the helpers. A button selects the charge mode it names. The retained state topics are the store across restarts.
/// </summary>
internal sealed class MqttControls : IControlEntities, IDisposable
{
    private readonly MqttEntityPublisher _publisher;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Dictionary<string, HelperDefinition> _byObjectId;
    private readonly Dictionary<string, (HelperDefinition Select, string Option)> _buttons;
    private readonly Dictionary<string, EntityState> _states = [];
    private readonly Subject<string> _changes = new();
    private readonly IDisposable _subscription;

    /// <param name="controls">Each control as its helper and its MQTT entity (same object id).</param>
    /// <param name="buttons">Each button's object id and the select option it sets.</param>
    public MqttControls(MqttEntityPublisher publisher, IEnumerable<HelperDefinition> controls,
        IReadOnlyDictionary<string, (HelperDefinition Select, string Option)> buttons, TimeProvider time, ILogger logger)
    {
        (_publisher, _time, _logger) = (publisher, time, logger);
        _byObjectId = controls.ToDictionary(V2GMqtt.ObjectId);
        _buttons = buttons.ToDictionary();
        _subscription = publisher.Commands.Subscribe(Apply);
    }

    public IObservable<string> Changes => _changes;

    public EntityState? Get(HelperDefinition control)
    {
        lock (_states) return _states.GetValueOrDefault(control.EntityId);
    }

    public void Select(HelperDefinition select, string option) => Set(select, option);

    /// <summary>Gives every control that has no state yet (nothing retained) its helper's initial value, so HA shows
    /// what the loop uses.</summary>
    public void SetDefaults()
    {
        foreach (var control in _byObjectId.Values.Where(c => Get(c) is null && c.Fields.ContainsKey("initial")))
            Set(control, control.Fields["initial"] switch
            {
                bool on => on ? "on" : "off",
                double number => number.ToString(CultureInfo.InvariantCulture),
                var other => Convert.ToString(other, CultureInfo.InvariantCulture) ?? "",
            });
    }

    private void Apply(MqttCommand command)
    {
        var objectId = command.Entity.ObjectId;
        if (_buttons.TryGetValue(objectId, out var press))
        {
            _logger.LogInformation("MQTT button {Button}: {Option}", objectId, press.Option);
            Set(press.Select, press.Option);
        }
        else if (_byObjectId.TryGetValue(objectId, out var control))
        {
            var state = command.Entity.Platform == MqttPlatform.Switch ? command.Payload.ToLowerInvariant() : command.Payload;
            _logger.LogInformation(command.Retained ? "MQTT {Control} restored: {State}" : "MQTT {Control} set: {State}", control.EntityId, state);
            Set(control, state);
        }
    }

    /// <summary>Takes the helper-style state, echoes it (switches as ON/OFF) and announces the change.</summary>
    private void Set(HelperDefinition control, string state)
    {
        lock (_states) _states[control.EntityId] = new EntityState(control.EntityId, state, new Dictionary<string, System.Text.Json.JsonElement>(), _time.GetUtcNow());
        _publisher.SetState(V2GMqtt.ObjectId(control), control.Domain == "input_boolean" ? state.ToUpperInvariant() : state);
        // Commands arrive on the MQTT client's thread, the loop's own mode on its step: one announcement at a time.
        lock (_changes) _changes.OnNext(control.EntityId);
    }

    public void Dispose()
    {
        _subscription.Dispose();
        _changes.Dispose();
    }
}

using System.Globalization;
using System.Text.Json.Nodes;
using ChargeBridge.HassModel.Helpers;

namespace ChargeBridge.HassModel.Fake;

// The fake's service calls (input_* helpers, calendar.get_events, notify.*) and helper creation.
public sealed partial class HomeAssistantFake
{
    private JsonObject CallService(JsonObject message)
    {
        var call = RecordCall(message);
        var (domain, service, data, entityIds, returnResponse) = call;
        if (HandleByIntegration(call) is { } refusal) throw new FakeCommandError("home_assistant_error", refusal);

        var respondable = domain == "calendar" && service == "get_events";
        if (respondable && !returnResponse)
            throw new FakeCommandError("service_validation_error", "Validation error: The action requires responses and must be called with return_response=True");
        if (returnResponse && !respondable)
            throw new FakeCommandError("service_validation_error", "Validation error: An action which does not return responses can't be called with return_response=True");

        JsonNode? response = null;
        lock (_gate)
        {
            foreach (var entityId in entityIds)
            {
                if (!_entities.TryGetValue(entityId, out var entity)) continue;
                if (respondable)
                    (response ??= new JsonObject())[entityId] = new JsonObject { ["events"] = CalendarEvents(entityId, data) };
                else if ((domain, service) == ("input_select", "set_options") && entityId.StartsWith("input_select.", StringComparison.Ordinal))
                    SetOptionsLocked(entity, data);
                else if (NewHelperState(entity, domain, service, data) is { } state)
                    SetStateLocked(entityId, state, null);
            }
        }
        var result = new JsonObject { ["context"] = ContextJson() };
        if (returnResponse) result["response"] = response ?? new JsonObject();
        return result;
    }

    /// <summary>Lets <paramref name="handler"/> act on service calls as an integration does (a twin of a device HA
    /// integrates, which sets its entities' states): it returns null when it accepted the call, or why HA refuses it
    /// (success:false, code home_assistant_error). It runs before the result is sent, as HA's blocking calls do.
    /// Disposing the result removes it.</summary>
    public IDisposable HandleServiceCalls(Func<RecordedCall, string?> handler)
    {
        lock (_gate) _serviceHandlers.Add(handler);
        return new Removal(() => { lock (_gate) _serviceHandlers.Remove(handler); });
    }

    private string? HandleByIntegration(RecordedCall call)
    {
        Func<RecordedCall, string?>[] handlers;
        lock (_gate) handlers = [.. _serviceHandlers];
        return handlers.Select(h => h(call)).FirstOrDefault(refusal => refusal is not null);
    }

    private sealed class Removal(Action remove) : IDisposable
    {
        public void Dispose() => remove();
    }

    /// <summary>Records a service call as HA sees it (data and target merged) and returns its parts.</summary>
    private RecordedCall RecordCall(JsonObject message)
    {
        var domain = message["domain"]?.GetValue<string>() ?? throw new FakeCommandError("invalid_format", "domain is required");
        var service = message["service"]?.GetValue<string>() ?? throw new FakeCommandError("invalid_format", "service is required");
        var data = message["service_data"]?.DeepClone() as JsonObject ?? [];
        var entityIds = Ids(message["target"]?["entity_id"]).Concat(Ids(data["entity_id"])).Distinct().ToList();
        var call = new RecordedCall(domain, service, data, entityIds, message["return_response"]?.GetValue<bool>() == true);
        lock (_gate) _calls.Add(call);
        return call;
    }

    private static IEnumerable<string> Ids(JsonNode? node) => node switch
    {
        JsonArray array => array.Select(n => n!.GetValue<string>()),
        JsonValue value => value.GetValue<string>().Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
        _ => [],
    };

    /// <summary>input_select.set_options: new options; the selection stays when it is one of them, else the first.</summary>
    private void SetOptionsLocked(FakeEntity entity, JsonObject data)
    {
        if (data["options"] is not JsonArray { Count: > 0 } options)
            throw new FakeCommandError("invalid_format", "Options cannot be empty @ data['options']");
        var attributes = entity.Attributes.DeepClone().AsObject();
        attributes["options"] = options.DeepClone();
        var names = options.Select(o => o!.GetValue<string>()).ToList();
        SetStateLocked(entity.EntityId, names.Contains(entity.State) ? entity.State : names[0], attributes);
    }

    /// <summary>The state a helper service leaves an input_* entity in, or null when the service does not change it.</summary>
    private static string? NewHelperState(FakeEntity entity, string domain, string service, JsonObject data)
    {
        if (!entity.EntityId.StartsWith(domain + ".", StringComparison.Ordinal)) return null;
        switch (domain, service)
        {
            case ("input_boolean", "turn_on"): return "on";
            case ("input_boolean", "turn_off"): return "off";
            case ("input_boolean", "toggle"): return entity.State == "on" ? "off" : "on";
            case ("input_number", "set_value"):
                var value = Number(data["value"]);
                var min = Number(entity.Attributes["min"]);
                var max = Number(entity.Attributes["max"]);
                if (value < min || value > max)
                    throw new FakeCommandError("service_validation_error", $"Invalid value for {entity.EntityId}: {value} (range {min} - {max})");
                return value.ToString("0.0###", CultureInfo.InvariantCulture);
            case ("input_select", "select_option"):
                var option = data["option"]?.GetValue<string>();
                var options = entity.Attributes["options"]!.AsArray().Select(o => o!.GetValue<string>()).ToList();
                if (option is null || !options.Contains(option))
                    throw new FakeCommandError("service_validation_error", $"Invalid option: {option} (possible options: {string.Join(", ", options)})");
                return option;
            case ("input_text", "set_value"):
                return data["value"]?.ToString() ?? throw new FakeCommandError("invalid_format", "value is required");
            case ("input_datetime", "set_datetime"):
                if (data["datetime"]?.GetValue<string>() is { } datetime) return DateTimeOffset.Parse(datetime, CultureInfo.InvariantCulture).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
                if (data["date"]?.GetValue<string>() is { } date) return date + (data["time"] is { } time ? " " + time : "");
                return data["time"]?.GetValue<string>() ?? throw new FakeCommandError("invalid_format", "one of datetime, date, time is required");
            default:
                return null;
        }
    }

    private static double Number(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<double>(out var d) => d,
        JsonValue v when double.TryParse(v.ToString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        _ => throw new FakeCommandError("invalid_format", $"expected a number, got {node?.ToJsonString() ?? "nothing"}"),
    };

    private JsonArray CalendarEvents(string calendarId, JsonObject data)
    {
        var from = data["start_date_time"] is { } s ? DateTimeOffset.Parse(s.GetValue<string>(), CultureInfo.InvariantCulture) : _time.GetUtcNow();
        var to = data["end_date_time"] is { } e ? DateTimeOffset.Parse(e.GetValue<string>(), CultureInfo.InvariantCulture)
            : data["duration"] is { } d ? from + Duration(d)
            : throw new FakeCommandError("invalid_format", "one of end_date_time, duration is required");
        var events = new JsonArray();
        foreach (var evt in (_calendars.GetValueOrDefault(calendarId) ?? []).Where(ev => ev.End > from && ev.Start < to).OrderBy(ev => ev.Start))
        {
            var json = new JsonObject
            {
                ["start"] = evt.AllDay ? evt.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : evt.Start.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture),
                ["end"] = evt.AllDay ? evt.End.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : evt.End.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture),
                ["summary"] = evt.Summary,
            };
            if (evt.Description is not null) json["description"] = evt.Description;
            if (evt.Location is not null) json["location"] = evt.Location;
            events.Add(json);
        }
        return events;
    }

    private static TimeSpan Duration(JsonNode node) => node is JsonObject o
        ? new TimeSpan((int)(o["days"]?.GetValue<double>() ?? 0), (int)(o["hours"]?.GetValue<double>() ?? 0), (int)(o["minutes"]?.GetValue<double>() ?? 0), (int)(o["seconds"]?.GetValue<double>() ?? 0))
        : TimeSpan.Parse(node.GetValue<string>(), CultureInfo.InvariantCulture);

    private JsonObject CreateHelper(string domain, JsonObject message)
    {
        if (!TokenIsAdmin) throw new FakeCommandError("unauthorized", "Unauthorized");
        var name = message["name"]?.GetValue<string>();
        if (string.IsNullOrWhiteSpace(name)) throw new FakeCommandError("invalid_format", "required key not provided @ data['name']");
        var item = message.DeepClone().AsObject();
        item.Remove("id");
        item.Remove("type");
        var attributes = new JsonObject { ["editable"] = true };
        string state;
        switch (domain)
        {
            case "input_number":
                var min = Number(item["min"]);
                var max = Number(item["max"]);
                if (!(max > min)) throw new FakeCommandError("invalid_format", $"Maximum ({max:0.0}) is not greater than minimum ({min:0.0})");
                item["min"] = min;
                item["max"] = max;
                item["step"] = item["step"] is { } step ? Number(step) : 1.0;
                item["mode"] ??= "slider";
                foreach (var key in new[] { "initial", "min", "max", "step", "mode", "unit_of_measurement" })
                    attributes[key] = item[key]?.DeepClone();
                state = (item["initial"] is { } initial ? Number(initial) : min).ToString("0.0###", CultureInfo.InvariantCulture);
                break;
            case "input_boolean":
                state = item["initial"]?.GetValue<bool>() == true ? "on" : "off";
                break;
            case "input_select":
                if (item["options"] is not JsonArray { Count: > 0 } options)
                    throw new FakeCommandError("invalid_format", "Options cannot be empty @ data['options']");
                attributes["options"] = options.DeepClone();
                state = item["initial"]?.GetValue<string>() ?? options[0]!.GetValue<string>();
                break;
            case "input_text":
                item["min"] ??= 0;
                item["max"] ??= 100;
                item["mode"] ??= "text";
                foreach (var key in new[] { "min", "max", "mode" })
                    attributes[key] = item[key]?.DeepClone();
                state = item["initial"]?.GetValue<string>() ?? "";
                break;
            case "input_datetime":
                var hasDate = item["has_date"]?.GetValue<bool>() == true;
                var hasTime = item["has_time"]?.GetValue<bool>() == true;
                if (!hasDate && !hasTime) throw new FakeCommandError("invalid_format", "Invalid config for 'input_datetime': must have at least one of has_date and has_time");
                attributes["has_date"] = hasDate;
                attributes["has_time"] = hasTime;
                state = hasDate && hasTime ? "1970-01-01 00:00:00" : hasDate ? "1970-01-01" : "00:00:00";
                break;
            default:
                throw new FakeCommandError("unknown_command", "Unknown command.");
        }
        if (item["icon"] is { } icon) attributes["icon"] = icon.DeepClone();
        attributes["friendly_name"] = name;
        lock (_gate)
        {
            var slug = HelperDefinition.Slugify(name);
            var id = slug;
            for (var n = 2; _entities.ContainsKey($"{domain}.{id}"); n++) id = $"{slug}_{n}";
            item["id"] = id;
            if (!_helperItems.TryGetValue(domain, out var items)) _helperItems[domain] = items = [];
            items.Add(item.DeepClone().AsObject());
            SetStateLocked($"{domain}.{id}", state, attributes);
        }
        return item;
    }
}

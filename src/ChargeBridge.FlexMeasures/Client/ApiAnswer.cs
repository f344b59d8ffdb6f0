using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChargeBridge.FlexMeasures.Client;

/// <summary>One HTTP answer: status, JSON body (null if not JSON) and the server's message with credentials removed.</summary>
internal sealed record ApiAnswer(int Status, JsonNode? Body, string Text, TimeSpan? RetryAfter)
{
    /// <summary>Reads a response; <paramref name="time"/> turns a Retry-After date into a wait (null: dates ignored).</summary>
    public static async Task<ApiAnswer> ReadAsync(HttpResponseMessage response, FlexMeasuresAuthHandler secrets, TimeProvider? time, CancellationToken ct)
    {
        var text = await response.Content.ReadAsStringAsync(ct);
        return new ApiAnswer((int)response.StatusCode, ParseOrNull(text), secrets.Redact(text), RetryAfterOf(response, time));
    }

    public bool IsSuccess => Status is >= 200 and < 300;

    public string? StatusWord => JsonFields.OptionalText(Body, "status");

    /// <summary>"message" (a string, or field errors as FlexMeasures' 422 sends them), "errors" (login), or the raw text.</summary>
    public string Message => Body switch
    {
        JsonObject o when o["message"] is JsonValue v && v.TryGetValue(out string? s) => s,
        JsonObject o when o["message"] is JsonObject fields => string.Join("; ", FieldErrors(fields)),
        JsonObject o when o["errors"] is JsonArray errors => string.Join("; ", errors.Select(e => e?.ToString())),
        _ => Text.Length > 300 ? Text[..300] : Text,
    };

    public void ThrowUnlessSuccess(string what)
    {
        if (!IsSuccess)
            throw new FlexMeasuresException($"{what} failed (HTTP {Status}{(StatusWord is null ? "" : " " + StatusWord)}): {Message}",
                Status, StatusWord, Message);
    }

    private static JsonNode? ParseOrNull(string text)
    {
        try
        {
            return text.Length == 0 ? null : JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static TimeSpan? RetryAfterOf(HttpResponseMessage response, TimeProvider? time)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta) return delta;
        if (header?.Date is { } date && time is not null) return date - time.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        return null;
    }

    private static IEnumerable<string> FieldErrors(JsonObject node, string prefix = "")
    {
        foreach (var (key, value) in node)
        {
            // marshmallow nests errors by location ("json") and field; the location adds nothing for a user.
            var name = key == "json" && prefix.Length == 0 ? "" : prefix + key;
            if (value is JsonObject inner)
                foreach (var line in FieldErrors(inner, name.Length == 0 ? "" : name + "."))
                    yield return line;
            else
                yield return $"{name}: {(value is JsonArray list ? string.Join(" ", list.Select(m => m?.ToString())) : value?.ToString())}";
        }
    }
}

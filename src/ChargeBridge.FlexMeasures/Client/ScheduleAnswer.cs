using System.Text.Json.Nodes;

namespace ChargeBridge.FlexMeasures.Client;

/// <summary>What an answer to <c>GET /sensors/&lt;id&gt;/schedules/&lt;job&gt;</c> means.</summary>
internal static class ScheduleAnswer
{
    /// <summary>The schedule, or null when the server says "not ready yet, ask again". Throws when asking again cannot help.</summary>
    public static FlexMeasuresSchedule? Read(ApiAnswer answer, string jobId)
    {
        switch (answer.Status)
        {
            case 200:
                return Parse(answer.Body, jobId);
            // 202 QUEUED/STARTED/DEFERRED on newer servers (and older ones with the API sunset active).
            case 202 when answer.StatusWord is not ("FAILED" or "CANCELED" or "STOPPED"):
                return null;
            case 202:
                throw Failed(answer, jobId);
            // Busy, rate-limited or a server fault: the job itself may be fine.
            case 429 or >= 500:
                return null;
            case 400 when answer.StatusWord == "UNRECOGNIZED_UDI_EVENT":
                throw new FlexMeasuresUnknownJobException($"FlexMeasures does not know scheduling job {jobId}: {answer.Message}",
                    answer.Status, answer.StatusWord, answer.Message);
            // Older servers answer 400 UNKNOWN_SCHEDULE both while the job runs and when it failed; only the message tells.
            case 400 when answer.Message.Contains("failed", StringComparison.OrdinalIgnoreCase):
                throw Failed(answer, jobId);
            case 400 when IsStillRunning(answer.Message):
                return null;
            case 400 when answer.StatusWord == "UNKNOWN_SCHEDULE":
                throw Failed(answer, jobId);
            default:
                answer.ThrowUnlessSuccess($"Fetching schedule {jobId}");
                throw new FlexMeasuresException($"Unexpected HTTP {answer.Status} for schedule {jobId}.", answer.Status);
        }
    }

    private static bool IsStillRunning(string message) =>
        message.Contains("waiting", StringComparison.OrdinalIgnoreCase) ||
        message.Contains("in progress", StringComparison.OrdinalIgnoreCase);

    private static FlexMeasuresScheduleFailedException Failed(ApiAnswer answer, string jobId) =>
        new($"Scheduling job {jobId} failed: {answer.Message}", answer.Status, answer.StatusWord, answer.Message);

    private static FlexMeasuresSchedule Parse(JsonNode? body, string jobId)
    {
        try
        {
            return new FlexMeasuresSchedule(
                JsonFields.Time(body, "start"),
                IsoDuration.Parse(JsonFields.Text(body, "duration")),
                JsonFields.Numbers(body, "values", allowNull: false).Select(v => v!.Value).ToList(),
                JsonFields.OptionalText(body, "unit") ?? "MW",
                JsonFields.OptionalText((body as JsonObject)?["scheduler_info"], "scheduler"));
        }
        catch (FormatException e)
        {
            throw new FlexMeasuresException($"Schedule {jobId} is malformed: {e.Message}", 200);
        }
    }
}

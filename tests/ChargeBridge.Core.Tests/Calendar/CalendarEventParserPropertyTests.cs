using System.Globalization;
using System.Text.Json;
using ChargeBridge.Core.Calendar;
using FsCheck;
using FsCheck.Fluent;

namespace ChargeBridge.Core.Tests.Calendar;

/// <summary>FsCheck properties: whatever a calendar returns, the parser answers without throwing.</summary>
public class CalendarEventParserPropertyTests
{
    private static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(1000).WithReplay(new Replay(new Rnd(20261121), null));

    // Times near real ones and odd text, so both the readable and the broken paths are drawn.
    private static readonly Gen<string> Times = Gen.OneOf(
        from day in Gen.Choose(0, 800)
        from minutes in Gen.Choose(0, 24 * 60)
        from offset in Gen.Choose(-12, 14)
        from form in Gen.Choose(0, 3)
        let at = new DateTime(2024, 1, 1).AddDays(day).AddMinutes(minutes)
        select form switch
        {
            0 => at.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            1 => at.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture),
            2 => at.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture) + "Z",
            _ => at.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture) + (offset < 0 ? "-" : "+") + Math.Abs(offset).ToString("00", CultureInfo.InvariantCulture) + ":00",
        },
        ArbMap.Default.GeneratorFor<string>().Select(s => s ?? ""));

    [Fact]
    public void Any_event_gives_an_event_of_at_least_thirty_minutes_or_a_reason() =>
        Prop.ForAll(Times.ToArbitrary(), Times.ToArbitrary(), (start, end) =>
        {
            var json = JsonSerializer.Serialize(new[] { new { start, end, summary = start } });
            var result = CalendarEventParser.Parse(json, Amsterdam);
            return result.Events.Count + result.Skipped.Count == 1
                && result.Events.All(e => e.End - e.Start >= CalendarEventParser.MinimumLength);
        }).Check(Runs);

    [Fact]
    public void Any_text_is_answered_without_an_exception() =>
        Prop.ForAll(ArbMap.Default.ArbFor<string>(), text =>
        {
            var result = CalendarEventParser.Parse(text ?? "", Amsterdam);
            return result.Events.Count > 0 || result.Skipped.Count > 0 || text?.Trim() is "[]" or "{}";
        }).Check(Runs);
}

using ChargeBridge.Core.Calendar;

namespace ChargeBridge.Core.Tests.Calendar;

public class CalendarEventParserTests
{
    private static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    // The shape of calendar_get_events_result.json in the shared HA fixtures: events nested under the entity id.
    private const string GetEventsResponse = """
        {
          "calendar.ev_trips": {
            "events": [
              { "start": "2024-11-22", "end": "2024-11-23", "summary": "Day trip" },
              { "start": "2024-11-21T07:30:00+01:00", "end": "2024-11-21T17:00:00+01:00",
                "summary": "Office", "description": "need 60 km", "location": "Utrecht" }
            ]
          }
        }
        """;

    [Fact]
    public void Reads_timed_and_all_day_events_nested_under_the_entity_id_in_start_order()
    {
        var result = CalendarEventParser.Parse(GetEventsResponse, Amsterdam);
        Assert.Empty(result.Skipped);
        Assert.Equal(2, result.Events.Count);

        var office = result.Events[0];
        Assert.Equal(new DateTimeOffset(2024, 11, 21, 7, 30, 0, TimeSpan.FromHours(1)), office.Start);
        Assert.Equal(new DateTimeOffset(2024, 11, 21, 17, 0, 0, TimeSpan.FromHours(1)), office.End);
        Assert.Equal(("Office", "need 60 km", false), (office.Title, office.Description, office.AllDay));

        var trip = result.Events[1];
        Assert.True(trip.AllDay);
        Assert.Equal(new DateTimeOffset(2024, 11, 22, 0, 0, 0, TimeSpan.FromHours(1)), trip.Start);
        Assert.Equal(new DateTimeOffset(2024, 11, 23, 0, 0, 0, TimeSpan.FromHours(1)), trip.End);
        Assert.Equal("", trip.Description);
    }

    [Fact]
    public void Reads_the_older_events_shape_and_a_bare_array()
    {
        var older = CalendarEventParser.Parse("""{"events":[{"start":"2023-07-21T22:00:00+00:00","end":"2023-07-21T23:00:00+00:00","summary":"Test"}]}""", Amsterdam);
        Assert.Equal(new DateTimeOffset(2023, 7, 21, 22, 0, 0, TimeSpan.Zero), Assert.Single(older.Events).Start);
        var bare = CalendarEventParser.Parse("""[{"start":"2023-07-21T22:00:00Z","end":"2023-07-21T23:00:00Z"}]""", Amsterdam);
        Assert.Equal("", Assert.Single(bare.Events).Title);
    }

    [Fact]
    public void All_day_events_span_whole_local_days_across_a_dst_change()
    {
        // 2024-10-27 has 25 hours in Amsterdam.
        var e = Assert.Single(CalendarEventParser.Parse("""{"events":[{"start":"2024-10-27","end":"2024-10-29"}]}""", Amsterdam).Events);
        Assert.Equal(new DateTimeOffset(2024, 10, 27, 0, 0, 0, TimeSpan.FromHours(2)), e.Start);
        Assert.Equal(new DateTimeOffset(2024, 10, 29, 0, 0, 0, TimeSpan.FromHours(1)), e.End);
        Assert.Equal(TimeSpan.FromHours(49), e.End - e.Start);
    }

    [Fact]
    public void Times_without_an_offset_are_local_to_the_zone()
    {
        var e = Assert.Single(CalendarEventParser.Parse("""{"events":[{"start":"2024-07-01T08:00:00","end":"2024-07-01T09:00:00"}]}""", Amsterdam).Events);
        Assert.Equal(new DateTimeOffset(2024, 7, 1, 6, 0, 0, TimeSpan.Zero), e.Start.ToUniversalTime());
    }

    [Theory]
    [InlineData("2024-11-21T07:30:00+01:00", "2024-11-21T07:40:00+01:00")]
    [InlineData("2024-11-21T07:30:00+01:00", "2024-11-21T07:30:00+01:00")]
    public void Short_events_last_thirty_minutes(string start, string end)
    {
        var e = Assert.Single(CalendarEventParser.Parse($$"""{"events":[{"start":"{{start}}","end":"{{end}}"}]}""", Amsterdam).Events);
        Assert.Equal(TimeSpan.FromMinutes(30), e.End - e.Start);
    }

    [Theory]
    [InlineData("""[{"end":"2024-11-21T08:00:00Z"}]""", "no start")]
    [InlineData("""[{"start":"tomorrow","end":"2024-11-21T08:00:00Z"}]""", "is not a date or time")]
    [InlineData("""[{"start":"2024-11-21T08:00:00Z"}]""", "no end")]
    [InlineData("""[{"start":"2024-11-21T08:00:00Z","end":"2024-11-21T07:00:00Z"}]""", "ends before it starts")]
    [InlineData("""[{"start":"2024-11-21","end":"2024-11-22T08:00:00Z"}]""", "is not a date")]
    [InlineData("""[{"start":42,"end":"2024-11-22T08:00:00Z"}]""", "no start")]
    [InlineData("""[7]""", "not an object")]
    [InlineData("""[{"start":"9999-12-31","end":"9999-12-31"}]""", "out of the supported range")]
    [InlineData("""[{"start":"9999-12-31T23:59:00+00:00","end":"9999-12-31T23:59:00+00:00"}]""", "out of the supported range")]
    [InlineData("""[{"start":"0001-01-01","end":"0001-01-02"}]""", "out of the supported range")]
    [InlineData("""{"calendar.x":{"events":"none"}}""", "events is not a list")]
    [InlineData("""{"calendar.x":[]}""", "no events list")]
    [InlineData("""[1, 2""", "not valid JSON")]
    [InlineData("""  "text" """, "not an object")]
    public void Malformed_events_are_skipped_with_a_reason(string json, string reason)
    {
        var result = CalendarEventParser.Parse(json, Amsterdam);
        Assert.Empty(result.Events);
        Assert.Contains(reason, Assert.Single(result.Skipped));
    }

    [Fact]
    public void One_broken_event_does_not_hide_the_others()
    {
        var result = CalendarEventParser.Parse("""[{"start":"x"},{"start":"2024-11-21T08:00:00Z","end":"2024-11-21T09:00:00Z","summary":"ok"}]""", Amsterdam);
        Assert.Equal("ok", Assert.Single(result.Events).Title);
        Assert.StartsWith("events event 0", Assert.Single(result.Skipped));
    }
}

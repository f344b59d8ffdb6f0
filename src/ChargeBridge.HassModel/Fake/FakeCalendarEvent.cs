namespace ChargeBridge.HassModel.Fake;

/// <summary>A calendar event a test gives the fake; <see cref="AllDay"/> events are sent as dates, as HA does.</summary>
public sealed record FakeCalendarEvent(DateTimeOffset Start, DateTimeOffset End, string Summary, string? Description = null,
    string? Location = null, bool AllDay = false);

using System.Globalization;
using ChargeBridge.Core.Chargers;
using ChargeBridge.Core.HomePower;
using ChargeBridge.Core.PriceFeeds;
using ChargeBridge.Core.Statistics;
using ChargeBridge.Core.Telemetry;
using ChargeBridge.Core.Units;
using static ChargeBridge.Core.Notifications.MobileNotification;

namespace ChargeBridge.Core.Notifications;

/// <summary>
/// The catalogue of notifications users rely on (product-behaviour.md, "Notifications"). Times are shown in the
/// household's time zone. Alerts that a later state makes stale carry a time-to-live so a phone that was offline
/// does not show them hours later.
/// </summary>
public static class ProductNotifications
{
    private static readonly TimeSpan ShortLived = TimeSpan.FromHours(1);

    /// <summary>Critical while a car is connected: it might be left discharging with nobody in control.</summary>
    public static MobileNotification ChargerCommunicationLost(bool carConnected) =>
        new(NotificationTags.ChargerCommunication, "Charger not responding",
            carConnected
                ? "ChargeBridge lost contact with the charger while a car is connected. Automation is stopped; the charger will stop by itself. Retrying."
                : "ChargeBridge lost contact with the charger. Retrying in the background.")
        { Critical = carConnected };

    /// <summary>The charger answers but reports an error state; same tag as lost contact, as both end the same way.</summary>
    public static MobileNotification ChargerError(string reason, bool carConnected) =>
        new(NotificationTags.ChargerCommunication, "Charger error",
            $"The charger reports: {reason}. Automation is stopped{(carConnected ? " while a car is connected" : "")}; it resumes when the charger recovers.")
        { Critical = carConnected };

    /// <summary>A hung charger restarted through its vendor's cloud, or the attempt failed and a person must power-cycle it.</summary>
    public static MobileNotification ChargerRestarted(ChargerRestart restart, TimeZoneInfo zone) => restart.Succeeded
        ? new(NotificationTags.ChargerRestart, "Charger restarted",
            $"The charger stopped answering and was restarted through the Wallbox cloud at {LocalTime(restart.At, zone)}. It may report errors for a few minutes; automation resumes when it answers.")
        : new(NotificationTags.ChargerRestart, "Charger restart failed",
            $"The charger stopped answering and could not be restarted through the Wallbox cloud at {LocalTime(restart.At, zone)} ({restart.Outcome}). Switch it off and on at its breaker.")
        { TimeSensitive = !restart.Succeeded };

    public static MobileNotification ChargerCommunicationRestored() =>
        new(NotificationTags.ChargerCommunication, "Charger responding again", "Contact with the charger is back; automation has resumed.");

    /// <summary>A schedule in the Wallbox app holds the charger, which then ignores remote control: only the user can remove it.</summary>
    public static MobileNotification ChargerControlledByAppSchedule() =>
        new(NotificationTags.ChargerAppSchedule, "Charger held by a Wallbox app schedule",
            "The charger follows a schedule set in the Wallbox app and ignores ChargeBridge. Remove the schedule in the Wallbox app so ChargeBridge can charge and discharge the car.");

    public static MobileNotification ChargerLocked() =>
        new(NotificationTags.ChargerLocked, "Charger locked",
            "The charger is locked, so it will not charge or discharge. Unlock the charger in the Wallbox app (or with its RFID card) so ChargeBridge can control it.");

    public static MobileNotification BelowMinimumSoc(Percent soc, Percent minimum, DateTimeOffset eta, TimeZoneInfo zone) =>
        new(NotificationTags.BelowMinimumSoc, "Battery below minimum",
            $"The battery is at {Pct(soc)}, below the minimum of {Pct(minimum)}. Charging at full power until about {LocalTime(eta, zone)}.")
        { TimeSensitive = true };

    public static MobileNotification MaxSocReached(Percent soc) =>
        new(NotificationTags.MaxSocReached, "Maximum charge reached", $"The battery reached {Pct(soc)}; charging has stopped.")
        { TimeToLive = ShortLived };

    public static MobileNotification NoNewSchedule(DateTimeOffset lastSchedule, TimeZoneInfo zone) =>
        new(NotificationTags.Schedule, "No new charging schedule",
            $"No new schedule since {LocalTime(lastSchedule, zone)}. The last valid schedule is followed; the local optimiser takes over where it ends.");

    public static MobileNotification ScheduleRecovered() =>
        new(NotificationTags.Schedule, "Charging schedule back", "New schedules are arriving again.") { TimeToLive = ShortLived };

    /// <summary>Says how far short the plan falls: minutes late when full charging catches up after the start, else the SoC reachable in time.</summary>
    public static MobileNotification TargetUnreachable(string eventTitle, DateTimeOffset eventStart, Percent target, Percent reachable, TimeSpan? late, TimeZoneInfo zone)
    {
        var shortfall = late is { } l
            ? $"{target.Value.ToString("0", CultureInfo.InvariantCulture)} % will be reached about {(int)Math.Ceiling(l.TotalMinutes)} minutes late"
            : $"only {Pct(reachable)} can be reached";
        return new MobileNotification(NotificationTags.TargetUnreachable, "Calendar target not reachable",
            $"For \"{eventTitle}\" at {LocalTime(eventStart, zone)} {shortfall}. Charging at full power.")
        { TimeSensitive = true };
    }

    public static MobileNotification KeepOrDismissEvent(string eventTitle, string eventId) =>
        new(NotificationTags.EventStillConnected, "Car still connected",
            $"\"{eventTitle}\" has started but the car is still connected. Keep the event (no charging until it ends) or dismiss it?")
        {
            Buttons =
            [
                new NotificationButton(NotificationActions.KeepEvent + NotificationActions.EventSeparator + eventId, "Keep event"),
                new NotificationButton(NotificationActions.DismissEvent + NotificationActions.EventSeparator + eventId, "Dismiss event"),
            ],
        };

    public static MobileNotification ReminderToConnect(string eventTitle) =>
        new(NotificationTags.ConnectReminder, "Connect the car", $"\"{eventTitle}\" has ended; plug the car in so it can be charged for the next trip.")
        { TimeSensitive = true };

    public static MobileNotification ChargeModeChanged(string from, string to) =>
        new(NotificationTags.ChargeModeChanged, "Charge mode changed", $"Charge mode changed from {from} to {to}.") { TimeToLive = ShortLived };

    /// <summary>The SoC is the last one read while the car was connected; null when none was read.</summary>
    public static MobileNotification CarDisconnected(Percent? soc) =>
        new(NotificationTags.CarDisconnected, "Car disconnected",
            soc is { } s ? $"The car was disconnected at {Pct(s)}." : "The car was disconnected.") { TimeToLive = ShortLived };

    public static MobileNotification SwitchToAutomatic(string currentMode) =>
        new(NotificationTags.SwitchToAutomatic, "Switch to Automatic?",
            $"The car was connected while the charge mode is {currentMode}. Switch to Automatic?")
        {
            Buttons =
            [
                new NotificationButton(NotificationActions.SwitchToAutomatic, "Automatic"),
                new NotificationButton(NotificationActions.KeepMode, "Keep " + currentMode),
            ],
        };

    public static MobileNotification NegativePricesAhead(NegativePriceWindow window, TimeZoneInfo zone) =>
        new(NotificationTags.NegativePrices, "Negative prices ahead",
            $"Prices are negative from {LocalTime(window.Start, zone)} to {LocalTime(window.End, zone)}, down to {window.Lowest.EurPerKwh.ToString("0.000", CultureInfo.InvariantCulture)} per kWh. Connect the car to be paid for charging.")
        { TimeToLive = window.End - window.Start };

    public static MobileNotification PriceDataMissing(PriceCoverage coverage, TimeZoneInfo zone) =>
        new(NotificationTags.PriceData, "Price data missing",
            $"Prices are known only until {LocalTime(coverage.CoveredUntil, zone)}; planning needs them until {LocalTime(coverage.RequiredUntil, zone)}. The schedule may not be optimal.");

    public static MobileNotification PriceDataRecovered() =>
        new(NotificationTags.PriceData, "Price data back", "Prices are complete again.") { TimeToLive = ShortLived };

    /// <summary>Names each helper and the fix; the user need not restart anything, ChargeBridge retries by itself.</summary>
    public static MobileNotification HelpersMissing(IReadOnlyList<(string EntityId, string Reason)> missing) =>
        new(NotificationTags.HelpersMissing, "Settings helpers missing",
            $"ChargeBridge could not create {string.Join(", ", missing.Select(m => $"{m.EntityId} ({m.Reason})"))} and uses the default setting meanwhile. " +
            "Fix: give ChargeBridge an administrator's access token, or create the helper with this entity id under Settings → Devices & services → Helpers. ChargeBridge retries by itself.");

    public static MobileNotification HelpersCreated() =>
        new(NotificationTags.HelpersMissing, "Settings helpers in place", "Every settings helper exists now; your settings are in use.") { TimeToLive = ShortLived };

    /// <summary>Critical: the house runs on the car. The hours are the car's energy above the reserve over the house's
    /// recent mean load (null when either is unknown, e.g. no car connected).</summary>
    public static MobileNotification BackupStarted(double? hoursLeft, Energy? aboveReserve, Percent reserve) =>
        new(NotificationTags.Backup, "Power cut: running on the car",
            (hoursLeft is { } h && aboveReserve is { } e
                ? $"The grid is down. The car powers the house: about {h.ToString("0.0", CultureInfo.InvariantCulture)} hours at the recent load, with {e.KilowattHours.ToString("0.0", CultureInfo.InvariantCulture)} kWh above the {Pct(reserve)} backup reserve. "
                : $"The grid is down. The car powers the house down to the {Pct(reserve)} backup reserve; the hours left are not known yet. ")
            + "Non-essential loads are switched off until the grid is back.")
        { Critical = true };

    /// <summary>Replaces the outage alert once the grid has been back for the hold time.</summary>
    public static MobileNotification BackupEnded(TimeSpan lasted) =>
        new(NotificationTags.Backup, "Grid back",
            $"The grid is back after {(int)Math.Round(lasted.TotalMinutes)} minutes. Non-essential loads are switched back on and the car follows the plan again.")
        { TimeToLive = ShortLived };

    /// <summary>Last month's money on the 1st: what each use of the car earned or saved, the wear of the energy fed
    /// back, and the projected year and payback when known.</summary>
    public static MobileNotification MonthlySummary(MonthlySummary summary)
    {
        var text = $"V2G revenue {Eur(summary.V2gRevenueEur)}, V2H savings {Eur(summary.V2hSavingsEur)}, solar savings {Eur(summary.SolarSavingsEur)}, " +
            $"savings against naive charging {Eur(summary.NaiveSavingsEur)}: {Eur(summary.TotalEur)} in all. " +
            $"Battery wear of the {summary.FedBack.KilowattHours.ToString("0.0", CultureInfo.InvariantCulture)} kWh fed back: {Eur(summary.WearEur)}.";
        if (summary.ProjectedAnnualEur is { } year) text += $" Projected year: {Eur(year)}.";
        if (summary.PaybackRemainingYears is { } payback) text += $" The equipment pays for itself in {payback.ToString("0.0", CultureInfo.InvariantCulture)} more years.";
        return new MobileNotification(NotificationTags.MonthlySummary,
            "ChargeBridge in " + summary.Month.ToString("MMMM yyyy", CultureInfo.InvariantCulture), text);
    }

    private static string Eur(double eur) => eur.ToString("0.00", CultureInfo.InvariantCulture) + " EUR";

    /// <summary>Writes have failed for a while, or samples were lost: the long record has a gap unless someone looks.</summary>
    public static MobileNotification TelemetryFailing(TelemetryStatus status, TimeZoneInfo zone) =>
        new(NotificationTags.Telemetry, "Telemetry not written",
            (status.FailingSince is { } since ? $"Writing to InfluxDB has failed since {LocalTime(since, zone)} ({status.WriteFailures} failed writes). " : "")
            + (status.SamplesDropped > 0
                ? $"{status.SamplesDropped} samples have been dropped since ChargeBridge started. "
                : "Samples wait in the buffer; none is lost yet. ")
            + "Check the InfluxDB server and the telemetry settings; ChargeBridge keeps trying.");

    /// <summary>Replaces the telemetry alert once a write has gone through again.</summary>
    public static MobileNotification TelemetryRecovered(TelemetryStatus status) =>
        new(NotificationTags.Telemetry, "Telemetry written again",
            $"InfluxDB takes writes again; {status.SamplesDropped} samples dropped since ChargeBridge started.")
        { TimeToLive = ShortLived };

    /// <summary>After a frequency event: what the car did and why it stopped. Informative only, so it may wait an hour.</summary>
    public static MobileNotification FrequencyEventEnded(FrequencyEvent ended)
    {
        if (ended is not { End: { } end, EndReason: { } reason })
            throw new ArgumentException("The frequency event has not ended.", nameof(ended));
        var (did, way) = ended.Kind == FrequencyEventKind.Under ? ("discharged", "down to") : ("charged", "up to");
        var minutes = (end - ended.Start).TotalMinutes.ToString("0.0", CultureInfo.InvariantCulture);
        return new MobileNotification(NotificationTags.FrequencyResponse, "Frequency response",
            $"The car {did} {ended.Energy.KilowattHours.ToString("0.00", CultureInfo.InvariantCulture)} kWh in {minutes} minutes to support the grid: " +
            $"the frequency went {way} {Hz(ended.ExtremeHz)} (started at {Hz(ended.TriggerHz)}). It stopped because {Why(reason)}; the car follows the plan again.")
        { TimeToLive = ShortLived };
    }

    private static string Why(FrequencyEventEnd reason) => reason switch
    {
        FrequencyEventEnd.Recovered => "the frequency came back to normal",
        FrequencyEventEnd.MaxDuration => "an event's maximum duration was reached",
        FrequencyEventEnd.DailyEnergyCap => "the day's energy cap was reached",
        FrequencyEventEnd.SocLimit => "the battery reached its charge limit",
        FrequencyEventEnd.FrequencyUnknown => "the frequency reading was lost",
        FrequencyEventEnd.Stopped => "the car was unplugged or the house went on backup",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "unknown end of a frequency event"),
    };

    private static string Hz(double hz) => hz.ToString("0.00", CultureInfo.InvariantCulture) + " Hz";

    private static string Pct(Percent p) => p.Value.ToString("0", CultureInfo.InvariantCulture) + " %";
}

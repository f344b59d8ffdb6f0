using ChargeBridge.Core.Planning;
namespace ChargeBridge.SitePlanning;

/// <summary>The site's expected exchange with the grid in one slot: energy drawn and fed back (kWh, both ≥ 0, at most
/// one of them above 0) and the house load and PV it covers.</summary>
public sealed record SiteGridSlot(DateTimeOffset Start, TimeSpan Length, double ImportKwh, double ExportKwh, double HouseKwh, double PvKwh);

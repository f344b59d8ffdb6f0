using ChargeBridge.Core.Planning;
namespace ChargeBridge.SitePlanning;

/// <summary>What a site solver returns: per device (loadpoints, then the house battery) one set point per slot of that
/// device's model (W, grid side, + = charging), and the relative gap to the optimum it could not rule out.</summary>
public sealed record SiteSolution(double[][] SetPointsW, double ProvenGap);

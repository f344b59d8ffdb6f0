using ChargeBridge.Optimum;
using ChargeBridge.SitePlanning;
using System.Globalization;
using System.Text;
using ChargeBridge.Core.Planning;

namespace ChargeBridge.SiteOptimum;

/// <summary>
/// Solves a <see cref="SiteProblem"/> with GLPK from a generated GNU MathProg model of the same formulation the site
/// planner gives OR-Tools: devices with their stored energy, floors and ceilings, the site's net priced on the grid,
/// hard grid limits (a penalised excess only when they cannot be kept, as the planner does: the huge penalty in a model
/// that does not need it stops GLPK's simplex short of the optimum), and a binary in each slot where doing two things
/// at once would pay. The independent reference the site planner is measured against.
/// </summary>
public static class GlpkSiteOptimum
{
    /// <summary>The optimum: objective (penalties included) and per device its set points (W, grid side).</summary>
    public sealed record Solution(double Objective, double[][] SetPointsW);

    public static Solution Solve(SiteProblem problem)
    {
        var dir = Directory.CreateTempSubdirectory("chargebridge-glpk-site-");
        try
        {
            var model = Path.Combine(dir.FullName, "site.mod");
            var output = Path.Combine(dir.FullName, "site.out");
            File.WriteAllText(model, Model(problem, output, allowGridExcess: false));
            try
            {
                Glpsol.Run(model);
            }
            catch (InvalidOperationException) when (problem.HasGridLimit)
            {
                File.WriteAllText(model, Model(problem, output, allowGridExcess: true));
                Glpsol.Run(model);
            }
            return Read(problem, File.ReadAllLines(output));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    /// <summary>The MathProg model with its data; writes "OBJ value" and "d t import export" lines to <paramref name="output"/>.</summary>
    public static string Model(SiteProblem p, string output, bool allowGridExcess)
    {
        var m = new StringBuilder();
        m.AppendLine($$"""
            set D; param N{D}; param T; param P; param X;
            param cap{D}; param ec{D}; param ed{D}; param s0{D}; param Mf{D}; param Mc{D}; param tv{D}; param wear{D};
            set DS := setof{d in D, t in 0..N[d]-1} (d, t);
            set DN := setof{d in D, k in 1..N[d]} (d, k);
            param mi{DS}; param me{DS}; param fl{DN}; param ce{DN};
            param wi{0..T-1}; param we{0..T-1}; param base{0..T-1}; param gimax{0..T-1}; param gemax{0..T-1};
            set INVD within DS; set INVN within 0..T-1; param Mi{INVN}; param Me{INVN};
            var im{(d, t) in DS} >= 0, <= mi[d, t];
            var ex{(d, t) in DS} >= 0, <= me[d, t];
            var s{d in D, k in 0..N[d]} >= 0, <= cap[d];
            var under{DN} >= 0;
            var over{DN} >= 0;
            var gi{0..T-1} >= 0;
            var ge{0..T-1} >= 0;
            var xi{0..T-1} >= 0, <= X;
            var xe{0..T-1} >= 0, <= X;
            var up{INVD} binary;
            var netUp{INVN} binary;
            minimize obj: sum{t in 0..T-1} (wi[t]*gi[t] - we[t]*ge[t] + P*(xi[t] + xe[t]))
                + sum{(d, t) in DS} wear[d]*ex[d, t]
                + sum{(d, k) in DN} (Mf[d]*under[d, k] + Mc[d]*over[d, k])
                - sum{d in D} tv[d]*s[d, N[d]];
            s.t. start{d in D}: s[d, 0] = s0[d];
            s.t. dynamics{(d, t) in DS}: s[d, t+1] = s[d, t] + ec[d]*im[d, t] - ex[d, t]/ed[d];
            s.t. floor{(d, k) in DN}: s[d, k] + under[d, k] >= fl[d, k];
            s.t. ceiling{(d, k) in DN}: s[d, k] - over[d, k] <= ce[d, k];
            s.t. balance{t in 0..T-1}: gi[t] - ge[t] - sum{(d, u) in DS: u = t} (im[d, u] - ex[d, u]) = base[t];
            s.t. import_limit{t in 0..T-1}: gi[t] - xi[t] <= gimax[t];
            s.t. export_limit{t in 0..T-1}: ge[t] - xe[t] <= gemax[t];
            s.t. charge_only{(d, t) in INVD}: im[d, t] <= mi[d, t] * up[d, t];
            s.t. discharge_only{(d, t) in INVD}: ex[d, t] <= me[d, t] * (1 - up[d, t]);
            s.t. import_only{t in INVN}: gi[t] <= Mi[t] * netUp[t];
            s.t. export_only{t in INVN}: ge[t] <= Me[t] * (1 - netUp[t]);
            solve;
            printf "OBJ %.17g\n", obj > "{{output}}";
            printf{(d, t) in DS}: "%d %d %.17g %.17g\n", d, t, im[d, t], ex[d, t] >> "{{output}}";
            data;
            """);
        var devices = Enumerable.Range(0, p.Devices.Count).ToList();
        m.Append("set D :=").AppendJoin("", devices.Select(d => $" {d}")).AppendLine(";");
        Table(m, "N", devices.Select(d => ($"{d}", (double)p.Devices[d].SlotCount)));
        Param(m, "T", p.SlotCount);
        Param(m, "P", p.GridPenaltyPerKwh);
        // No limit on the excess is one it cannot reach.
        var unreachable = Enumerable.Range(0, p.SlotCount).Max(t => p.MostNetKwh(t).Import + p.MostNetKwh(t).Export) + 1;
        Param(m, "X", allowGridExcess ? unreachable : 0);
        Table(m, "cap", devices.Select(d => ($"{d}", p.Devices[d].CapacityKwh)));
        Table(m, "ec", devices.Select(d => ($"{d}", p.Devices[d].ChargeEfficiency)));
        Table(m, "ed", devices.Select(d => ($"{d}", p.Devices[d].DischargeEfficiency)));
        Table(m, "s0", devices.Select(d => ($"{d}", p.Devices[d].InitialKwh)));
        Table(m, "Mf", devices.Select(d => ($"{d}", p.Devices[d].FloorPenaltyPerKwh)));
        Table(m, "Mc", devices.Select(d => ($"{d}", p.Devices[d].CeilingPenaltyPerKwh)));
        Table(m, "tv", devices.Select(d => ($"{d}", p.Devices[d].TerminalValuePerKwh)));
        Table(m, "wear", devices.Select(d => ($"{d}", p.WearPerKwh[d])));
        var slots = devices.SelectMany(d => Enumerable.Range(0, p.Devices[d].SlotCount).Select(t => (D: d, T: t))).ToList();
        var nodes = devices.SelectMany(d => Enumerable.Range(1, p.Devices[d].SlotCount).Select(k => (D: d, K: k))).ToList();
        Table(m, "mi", slots.Select(x => ($"{x.D} {x.T}", p.Devices[x.D].MaxImportKwh[x.T])));
        Table(m, "me", slots.Select(x => ($"{x.D} {x.T}", p.Devices[x.D].MaxExportKwh[x.T])));
        Table(m, "fl", nodes.Select(x => ($"{x.D} {x.K}", p.Devices[x.D].FloorKwh[x.K])));
        // A ceiling of "none" becomes one the battery cannot reach.
        Table(m, "ce", nodes.Select(x => ($"{x.D} {x.K}", Math.Min(p.Devices[x.D].CeilingKwh[x.K], p.Devices[x.D].CapacityKwh + 1))));
        var site = Enumerable.Range(0, p.SlotCount).ToList();
        Table(m, "wi", site.Select(t => ($"{t}", p.ImportWeight[t])));
        Table(m, "we", site.Select(t => ($"{t}", p.ExportWeight[t])));
        Table(m, "base", site.Select(t => ($"{t}", p.HouseKwh[t] - p.PvKwh[t])));
        // No limit becomes one the site cannot reach.
        Table(m, "gimax", site.Select(t => ($"{t}", Math.Min(p.MaxGridImportKwh[t], unreachable))));
        Table(m, "gemax", site.Select(t => ($"{t}", Math.Min(p.MaxGridExportKwh[t], unreachable))));
        m.Append("set INVD :=").AppendJoin("", slots.Where(x => p.DeviceIsInverted(x.D, x.T)).Select(x => $" ({x.D},{x.T})")).AppendLine(";");
        var inverted = site.Where(p.NetIsInverted).ToList();
        m.Append("set INVN :=").AppendJoin("", inverted.Select(t => $" {t}")).AppendLine(";");
        Table(m, "Mi", inverted.Select(t => ($"{t}", p.MostNetKwh(t).Import)));
        Table(m, "Me", inverted.Select(t => ($"{t}", p.MostNetKwh(t).Export)));
        m.AppendLine("end;");
        return m.ToString();
    }

    private static void Param(StringBuilder m, string name, double value) =>
        m.AppendLine(CultureInfo.InvariantCulture, $"param {name} := {value:R};");

    private static void Table(StringBuilder m, string name, IEnumerable<(string Key, double Value)> values)
    {
        m.Append("param ").Append(name).Append(" :=");
        foreach (var (key, value) in values) m.Append(CultureInfo.InvariantCulture, $" {key} {value:R}");
        m.AppendLine(";");
    }

    private static Solution Read(SiteProblem p, string[] lines)
    {
        var objective = double.Parse(lines[0].Split(' ')[1], CultureInfo.InvariantCulture);
        var setPoints = p.Devices.Select(d => new double[d.SlotCount]).ToArray();
        foreach (var line in lines.Skip(1))
        {
            var f = line.Split(' ');
            var d = int.Parse(f[0], CultureInfo.InvariantCulture);
            var t = int.Parse(f[1], CultureInfo.InvariantCulture);
            var gridKwh = double.Parse(f[2], CultureInfo.InvariantCulture) - double.Parse(f[3], CultureInfo.InvariantCulture);
            setPoints[d][t] = gridKwh / p.SlotHours * 1000;
        }
        return new Solution(objective, setPoints);
    }
}

using System.Globalization;
using System.Text;
using ChargeBridge.Core.Planning;

namespace ChargeBridge.Optimum;

/// <summary>The optimum of a planning problem as GLPK finds it: objective (with penalties) and set points (W).</summary>
public sealed record GlpkSolution(double Objective, double[] SetPointsW);

/// <summary>
/// Solves a <see cref="PlanningProblem"/> with GLPK's <c>glpsol</c> (Debian package glpk-utils) from a generated GNU
/// MathProg model of the same problem the local planner solves: the independent reference our optimiser is measured
/// against. The car's energy is split by where it goes: charging soaks the house's PV surplus or buys, discharging
/// covers the house's load or feeds back; the site imports the load left uncovered plus what the car buys (at the
/// import weight) and exports the surplus left unsoaked plus what the car feeds back (at the site's export weight); the
/// car's wear is paid per kWh it feeds back; the objective is the site's less what the house alone would cost, so it
/// is the car's part. An LP where charging and discharging at once never pays and selling never pays more than buying;
/// in each slot where one would (negative prices, sell above buy) a binary picks the car's direction, as the charger's
/// one set point does, or makes the car soak the surplus before it buys (cover the load before it feeds back), as the
/// meter does: a MILP, solved to optimality.
/// </summary>
public static class GlpkOptimum
{
    public static GlpkSolution Solve(PlanningProblem problem)
    {
        var dir = Directory.CreateTempSubdirectory("chargebridge-glpk-");
        try
        {
            var model = Path.Combine(dir.FullName, "plan.mod");
            var output = Path.Combine(dir.FullName, "plan.out");
            File.WriteAllText(model, Model(problem, output));
            Glpsol.Run(model);
            return Read(problem, File.ReadAllLines(output));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    /// <summary>The MathProg model with its data; writes "OBJ value" and "t import export" lines to <paramref name="output"/>.</summary>
    public static string Model(PlanningProblem p, string output)
    {
        var n = p.SlotCount;
        var m = new StringBuilder();
        m.AppendLine($$"""
            param N; param cap; param ec; param ed; param s0; param Mf; param Mc; param tv;
            param wi{0..N-1}; param ws{0..N-1}; param wear{0..N-1}; param b{0..N-1};
            param mi{0..N-1}; param me{0..N-1};
            param fl{1..N}; param ce{1..N};
            set INV within 0..N-1; set PVFIRST within 0..N-1; set HOUSEFIRST within 0..N-1;
            param surplus{t in 0..N-1} := max(-b[t], 0);
            param load{t in 0..N-1} := max(b[t], 0);
            # What the house alone would cost: subtracted, so the objective is the car's part, as the planner's is.
            param h0 := sum{t in 0..N-1} (wi[t]*load[t] - ws[t]*surplus[t]);
            var soak{t in 0..N-1} >= 0, <= min(surplus[t], mi[t]);
            var buy{t in 0..N-1} >= 0;
            var cover{t in 0..N-1} >= 0, <= min(load[t], me[t]);
            var feed{t in 0..N-1} >= 0;
            var s{k in 0..N} >= 0, <= cap;
            var under{k in 1..N} >= 0;
            var over{k in 1..N} >= 0;
            var up{t in INV} binary;
            var pvFirst{t in PVFIRST} binary;
            var houseFirst{t in HOUSEFIRST} binary;
            minimize obj: sum{t in 0..N-1} (wi[t]*(load[t] - cover[t] + buy[t]) - ws[t]*(surplus[t] - soak[t] + feed[t])
                    + wear[t]*(cover[t] + feed[t])) - h0
                + sum{k in 1..N} (Mf*under[k] + Mc*over[k]) - tv*s[N];
            s.t. start: s[0] = s0;
            s.t. charge_limit{t in 0..N-1}: soak[t] + buy[t] <= mi[t];
            s.t. discharge_limit{t in 0..N-1}: cover[t] + feed[t] <= me[t];
            s.t. dynamics{t in 0..N-1}: s[t+1] = s[t] + ec*(soak[t] + buy[t]) - (cover[t] + feed[t])/ed;
            s.t. floor{k in 1..N}: s[k] + under[k] >= fl[k];
            s.t. ceiling{k in 1..N}: s[k] - over[k] <= ce[k];
            s.t. charge_only{t in INV}: soak[t] + buy[t] <= mi[t] * up[t];
            s.t. discharge_only{t in INV}: cover[t] + feed[t] <= me[t] * (1 - up[t]);
            s.t. buys_after_soaking{t in PVFIRST}: buy[t] <= mi[t] * pvFirst[t];
            s.t. soaks_before_buying{t in PVFIRST}: soak[t] >= min(surplus[t], mi[t]) * pvFirst[t];
            s.t. feeds_after_covering{t in HOUSEFIRST}: feed[t] <= me[t] * houseFirst[t];
            s.t. covers_before_feeding{t in HOUSEFIRST}: cover[t] >= min(load[t], me[t]) * houseFirst[t];
            solve;
            printf "OBJ %.17g\n", obj > "{{output}}";
            printf{t in 0..N-1}: "%d %.17g %.17g\n", t, soak[t] + buy[t], cover[t] + feed[t] >> "{{output}}";
            data;
            """);
        Param(m, "N", n);
        Param(m, "cap", p.CapacityKwh);
        Param(m, "ec", p.ChargeEfficiency);
        Param(m, "ed", p.DischargeEfficiency);
        Param(m, "s0", p.InitialKwh);
        Param(m, "Mf", p.FloorPenaltyPerKwh);
        Param(m, "Mc", p.CeilingPenaltyPerKwh);
        Param(m, "tv", p.TerminalValuePerKwh);
        var slots = Enumerable.Range(0, n).ToArray();
        Table(m, "wi", 0, p.ImportWeight);
        Table(m, "ws", 0, p.SiteExportWeight);
        Table(m, "wear", 0, slots.Select(t => p.SiteExportWeight[t] - p.ExportWeight[t]).ToArray());
        Table(m, "b", 0, p.BaseKwh);
        Table(m, "mi", 0, p.MaxImportKwh);
        Table(m, "me", 0, p.MaxExportKwh);
        Table(m, "fl", 1, p.FloorKwh[1..]);
        Set(m, "INV", slots.Where(p.IsInverted));
        // Where selling pays more than buying, an LP would buy while PV is exported, or export while the house buys.
        var sellingPaysMore = slots.Where(t => p.SiteExportWeight[t] > p.ImportWeight[t]).ToArray();
        Set(m, "PVFIRST", sellingPaysMore.Where(t => p.BaseKwh[t] < 0));
        Set(m, "HOUSEFIRST", sellingPaysMore.Where(t => p.BaseKwh[t] > 0));
        // A ceiling of "none" becomes one the battery cannot reach.
        Table(m, "ce", 1, p.CeilingKwh[1..].Select(c => double.IsPositiveInfinity(c) ? p.CapacityKwh + 1 : c).ToArray());
        m.AppendLine("end;");
        return m.ToString();
    }

    private static void Param(StringBuilder m, string name, double value) =>
        m.AppendLine(CultureInfo.InvariantCulture, $"param {name} := {value:R};");

    private static void Set(StringBuilder m, string name, IEnumerable<int> members)
    {
        m.Append("set ").Append(name).Append(" :=");
        foreach (var t in members) m.Append(CultureInfo.InvariantCulture, $" {t}");
        m.AppendLine(";");
    }

    private static void Table(StringBuilder m, string name, int first, double[] values)
    {
        m.Append("param ").Append(name).Append(" :=");
        for (var i = 0; i < values.Length; i++)
            m.Append(CultureInfo.InvariantCulture, $" {i + first} {values[i]:R}");
        m.AppendLine(";");
    }

    private static GlpkSolution Read(PlanningProblem p, string[] lines)
    {
        var objective = double.Parse(lines[0].Split(' ')[1], CultureInfo.InvariantCulture);
        var setPoints = new double[p.SlotCount];
        foreach (var line in lines.Skip(1))
        {
            var f = line.Split(' ');
            var t = int.Parse(f[0], CultureInfo.InvariantCulture);
            var gridKwh = double.Parse(f[1], CultureInfo.InvariantCulture) - double.Parse(f[2], CultureInfo.InvariantCulture);
            setPoints[t] = gridKwh / p.SlotHours * 1000;
        }
        return new GlpkSolution(objective, setPoints);
    }
}

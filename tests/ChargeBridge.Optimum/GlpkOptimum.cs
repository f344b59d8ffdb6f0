using System.Diagnostics;
using System.Globalization;
using System.Text;
using ChargeBridge.Core.Planning;

namespace ChargeBridge.Optimum;

/// <summary>The optimum of a planning problem as GLPK finds it: objective (with penalties) and set points (W).</summary>
public sealed record GlpkSolution(double Objective, double[] SetPointsW);

/// <summary>
/// Solves a <see cref="PlanningProblem"/> with GLPK's <c>glpsol</c> (Debian package glpk-utils) from a generated GNU
/// MathProg model of the same problem the local planner solves: the independent reference our optimiser is measured
/// against. An LP where charging and discharging at once never pays; in each inverted slot (negative prices, where it
/// would) a binary picks one direction, as the charger's one set point does: a MILP, solved to optimality.
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
            Run(model);
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
            param wi{0..N-1}; param we{0..N-1}; param mi{0..N-1}; param me{0..N-1};
            param fl{1..N}; param ce{1..N}; set INV within 0..N-1;
            var im{t in 0..N-1} >= 0, <= mi[t];
            var ex{t in 0..N-1} >= 0, <= me[t];
            var s{k in 0..N} >= 0, <= cap;
            var under{k in 1..N} >= 0;
            var up{t in INV} binary;
            var over{k in 1..N} >= 0;
            minimize obj: sum{t in 0..N-1} (wi[t]*im[t] - we[t]*ex[t]) + sum{k in 1..N} (Mf*under[k] + Mc*over[k]) - tv*s[N];
            s.t. start: s[0] = s0;
            s.t. dynamics{t in 0..N-1}: s[t+1] = s[t] + ec*im[t] - ex[t]/ed;
            s.t. floor{k in 1..N}: s[k] + under[k] >= fl[k];
            s.t. ceiling{k in 1..N}: s[k] - over[k] <= ce[k];
            s.t. charge_only{t in INV}: im[t] <= mi[t] * up[t];
            s.t. discharge_only{t in INV}: ex[t] <= me[t] * (1 - up[t]);
            solve;
            printf "OBJ %.17g\n", obj > "{{output}}";
            printf{t in 0..N-1}: "%d %.17g %.17g\n", t, im[t], ex[t] >> "{{output}}";
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
        Table(m, "wi", 0, p.ImportWeight);
        Table(m, "we", 0, p.ExportWeight);
        Table(m, "mi", 0, p.MaxImportKwh);
        Table(m, "me", 0, p.MaxExportKwh);
        Table(m, "fl", 1, p.FloorKwh[1..]);
        m.Append("set INV :=");
        for (var t = 0; t < n; t++)
            if (p.IsInverted(t)) m.Append(CultureInfo.InvariantCulture, $" {t}");
        m.AppendLine(";");
        // A ceiling of "none" becomes one the battery cannot reach.
        Table(m, "ce", 1, p.CeilingKwh[1..].Select(c => double.IsPositiveInfinity(c) ? p.CapacityKwh + 1 : c).ToArray());
        m.AppendLine("end;");
        return m.ToString();
    }

    private static void Param(StringBuilder m, string name, double value) =>
        m.AppendLine(CultureInfo.InvariantCulture, $"param {name} := {value:R};");

    private static void Table(StringBuilder m, string name, int first, double[] values)
    {
        m.Append("param ").Append(name).Append(" :=");
        for (var i = 0; i < values.Length; i++)
            m.Append(CultureInfo.InvariantCulture, $" {i + first} {values[i]:R}");
        m.AppendLine(";");
    }

    private static void Run(string model)
    {
        // A MILP that GLPK cannot prove in this time fails the comparison instead of hanging it.
        var info = new ProcessStartInfo("glpsol", ["--math", model, "--tmlim", "120"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException("glpsol did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("glpsol not found: install the Debian package glpk-utils (./test.sh does)", e);
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEnd();
            process.WaitForExit();
            var log = stdout.Result;
            // A MILP's log also reports its LP relaxation's optimum, so only an integer optimum counts there.
            var optimal = log.Contains("INTEGER OPTIMAL SOLUTION FOUND", StringComparison.Ordinal)
                || (!log.Contains("Integer optimization begins", StringComparison.Ordinal) && log.Contains("OPTIMAL LP SOLUTION FOUND", StringComparison.Ordinal));
            if (process.ExitCode != 0 || !optimal)
                throw new InvalidOperationException($"glpsol failed (exit {process.ExitCode}): {log}{stderr}");
        }
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

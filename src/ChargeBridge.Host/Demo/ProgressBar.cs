namespace ChargeBridge.Host.Demo;

/// <summary>A one-line progress bar redrawn in place on a terminal; where the output is a file or pipe (no carriage
/// return redraw), one line per tenth instead, so logs stay readable.</summary>
internal sealed class ProgressBar(TextWriter output, bool interactive, int width = 40)
{
    private int _shown = -1;

    public void Report(double fraction, string label)
    {
        var step = interactive ? 1 : 10;
        var percent = (int)Math.Floor(Math.Clamp(fraction, 0, 1) * 100) / step * step;
        if (percent <= _shown) return;
        _shown = percent;
        var filled = percent * width / 100;
        var line = $"[{new string('#', filled)}{new string('.', width - filled)}] {percent,3} %  {label}";
        if (interactive) output.Write("\r" + line + (percent == 100 ? Environment.NewLine : ""));
        else output.WriteLine(line);
    }
}

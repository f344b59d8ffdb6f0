using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace ChargeBridge.Apps.V2G;

/// <summary>
/// One state kept in a JSON file in the data folder. A save writes a new file and renames it over the old one, which
/// stays as the <c>.bak</c>, so a crash mid-write leaves a whole file. A file that cannot be read, or holds a state
/// <paramref name="isValid"/> rejects, falls back to the backup, then to nothing, with a warning; it never stops the app.
/// </summary>
/// <param name="what">The state's name in the warnings ("Statistics", "Backup state").</param>
/// <param name="fallback">What the app does without a readable file, for the last warning.</param>
internal sealed class JsonStateFile<T>(string dataFolder, string fileName, string what, string fallback, Func<T, bool> isValid, ILogger logger)
    where T : class
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public string Path => System.IO.Path.Combine(dataFolder, fileName);
    private string Backup => Path + ".bak";

    /// <summary>The state in the file or its backup; null when neither holds a readable one.</summary>
    public T? Load()
    {
        foreach (var file in new[] { Path, Backup })
        {
            if (!File.Exists(file)) continue;
            try
            {
                var state = JsonSerializer.Deserialize<T>(File.ReadAllText(file), Json);
                if (state is not null && isValid(state)) return state;
                logger.LogWarning("{What} file {File} holds what no save writes; not used", what, file);
            }
            catch (Exception e) when (e is JsonException or IOException or NotSupportedException or UnauthorizedAccessException)
            {
                logger.LogWarning("{What} file {File} cannot be read ({Reason}); not used", what, file, e.Message);
            }
        }
        if (File.Exists(Path) || File.Exists(Backup)) logger.LogWarning("No readable {What} file is left: {Fallback}", what, fallback);
        return null;
    }

    public void Save(T state)
    {
        Directory.CreateDirectory(dataFolder);
        var temporary = Path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            JsonSerializer.Serialize(stream, state, Json);
            stream.Flush(flushToDisk: true);
        }
        if (File.Exists(Path)) File.Replace(temporary, Path, Backup);
        else File.Move(temporary, Path);
    }
}

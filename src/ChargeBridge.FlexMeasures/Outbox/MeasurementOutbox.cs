using ChargeBridge.Core.Statistics;
using Microsoft.Data.Sqlite;

namespace ChargeBridge.FlexMeasures.Outbox;

/// <summary>Which FlexMeasures sensor a measurement goes to; the value is its bit in the row's "sent" mask.</summary>
public enum MeasurementKind
{
    Power = 1,
    Soc = 2,
    Availability = 4,
}

/// <summary>
/// Durable queue of 5-minute measurement intervals in SQLite (one file in the data folder). An interval is stored
/// once (its start is the key), and each sensor's copy is marked sent only after the server accepted it, so a crash,
/// restart or outage at any point leaves every unsent value in the file. Fully sent rows are deleted.
/// </summary>
public sealed class MeasurementOutbox : IDisposable
{
    public const string FileName = "flexmeasures-outbox.db";
    private const int AllSent = (int)(MeasurementKind.Power | MeasurementKind.Soc | MeasurementKind.Availability);

    private readonly SqliteConnection _db;
    private readonly Lock _gate = new();

    private MeasurementOutbox(SqliteConnection db) => _db = db;

    public string Path { get; private init; } = "";

    public static MeasurementOutbox Open(string dataFolder)
    {
        Directory.CreateDirectory(dataFolder);
        var path = System.IO.Path.Combine(dataFolder, FileName);
        var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        db.Open();
        // WAL keeps writes cheap; FULL sync makes each committed interval survive a power cut, at one row per 5 minutes.
        Execute(db, """
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = FULL;
            CREATE TABLE IF NOT EXISTS interval (
                start_unix INTEGER PRIMARY KEY,
                power_mw REAL NOT NULL,
                soc_pct REAL NOT NULL,
                availability_pct REAL NOT NULL,
                sent INTEGER NOT NULL DEFAULT 0
            ) WITHOUT ROWID;
            """);
        return new MeasurementOutbox(db) { Path = path };
    }

    /// <summary>Stores intervals in one transaction; an interval already stored (same start) is kept as it was.</summary>
    public void Add(IEnumerable<MeasurementInterval> intervals)
    {
        lock (_gate)
        {
            using var tx = _db.BeginTransaction();
            using var insert = _db.CreateCommand();
            insert.CommandText = "INSERT OR IGNORE INTO interval (start_unix, power_mw, soc_pct, availability_pct) VALUES ($s, $p, $c, $a)";
            var start = insert.Parameters.Add("$s", SqliteType.Integer);
            var power = insert.Parameters.Add("$p", SqliteType.Real);
            var soc = insert.Parameters.Add("$c", SqliteType.Real);
            var availability = insert.Parameters.Add("$a", SqliteType.Real);
            foreach (var interval in intervals)
            {
                start.Value = interval.Start.ToUnixTimeSeconds();
                power.Value = interval.PowerMegawatts;
                soc.Value = interval.SocPercent;
                availability.Value = interval.AvailabilityPercent;
                insert.ExecuteNonQuery();
            }
            tx.Commit();
        }
    }

    /// <summary>The oldest unsent values of one kind, in time order.</summary>
    public IReadOnlyList<(DateTimeOffset Start, double Value)> Pending(MeasurementKind kind, int limit)
    {
        var column = kind switch
        {
            MeasurementKind.Power => "power_mw",
            MeasurementKind.Soc => "soc_pct",
            _ => "availability_pct",
        };
        lock (_gate)
        {
            using var query = _db.CreateCommand();
            query.CommandText = $"SELECT start_unix, {column} FROM interval WHERE sent & $bit = 0 ORDER BY start_unix LIMIT $limit";
            query.Parameters.AddWithValue("$bit", (int)kind);
            query.Parameters.AddWithValue("$limit", limit);
            using var reader = query.ExecuteReader();
            var rows = new List<(DateTimeOffset, double)>();
            while (reader.Read())
                rows.Add((DateTimeOffset.FromUnixTimeSeconds(reader.GetInt64(0)), reader.GetDouble(1)));
            return rows;
        }
    }

    /// <summary>Marks values of one kind as accepted by the server and drops rows every sensor has received.</summary>
    public void MarkSent(MeasurementKind kind, DateTimeOffset from, DateTimeOffset until)
    {
        lock (_gate)
        {
            using var tx = _db.BeginTransaction();
            using var update = _db.CreateCommand();
            update.CommandText = """
                UPDATE interval SET sent = sent | $bit WHERE start_unix >= $from AND start_unix < $until;
                DELETE FROM interval WHERE sent = $all;
                """;
            update.Parameters.AddWithValue("$bit", (int)kind);
            update.Parameters.AddWithValue("$from", from.ToUnixTimeSeconds());
            update.Parameters.AddWithValue("$until", until.ToUnixTimeSeconds());
            update.Parameters.AddWithValue("$all", AllSent);
            update.ExecuteNonQuery();
            tx.Commit();
        }
    }

    /// <summary>Rows still waiting for at least one sensor.</summary>
    public int Count()
    {
        lock (_gate)
        {
            using var query = _db.CreateCommand();
            query.CommandText = "SELECT COUNT(*) FROM interval";
            return Convert.ToInt32(query.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    public void Dispose() => _db.Dispose();

    private static void Execute(SqliteConnection db, string sql)
    {
        using var command = db.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}

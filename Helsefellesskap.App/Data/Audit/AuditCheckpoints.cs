using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace Helsefellesskap.App.Data.Audit;

/// <summary>The chain's head: its last record's sequence and hash. Whoever holds a head can tell if the chain was cut or re-written.</summary>
public sealed record AuditHead(long Sequence, string Hash)
{
    public static async Task<AuditHead?> ReadAsync(AppDbContext db, CancellationToken cancellationToken = default) =>
        await db.AuditRecords.AsNoTracking().OrderByDescending(r => r.Sequence)
            .Select(r => new AuditHead(r.Sequence, r.Hash)).FirstOrDefaultAsync(cancellationToken);

    /// <summary>The head printed in an approved minutes document (its <c>RecordHead</c>), if it has one.</summary>
    public static AuditHead? InMinutes(string document)
    {
        try
        {
            using var json = System.Text.Json.JsonDocument.Parse(document);
            return json.RootElement.TryGetProperty("RecordHead", out var head) && head.ValueKind == System.Text.Json.JsonValueKind.Object
                   && head.TryGetProperty("Sequence", out var sequence) && sequence.TryGetInt64(out var number)
                   && head.TryGetProperty("Hash", out var hash) && hash.GetString() is { } text
                ? new AuditHead(number, text)
                : null;
        }
        catch (System.Text.Json.JsonException) { return null; }
    }
}

/// <summary>One line of a checkpoint file.</summary>
public sealed record Checkpoint(string File, int Line, long Sequence, string Hash, DateTimeOffset At, string Reason);

/// <summary>
/// The append-only checkpoint file outside the database: one line per published head, written at every approval of
/// minutes and daily. Format (docs/verification.md): <c>sequence SP hash SP yyyy-MM-ddTHH:mm:ssZ SP reason LF</c>.
/// By default <c>keys/&lt;database file name&gt;.checkpoints</c> beside the database; <c>Audit:CheckpointFile</c> moves it.
/// </summary>
public sealed class AuditCheckpoints(string file)
{
    public const string FileSetting = "Audit:CheckpointFile";
    public const string AtApproval = "protokoll godkjent";
    public const string Daily = "daglig";

    private readonly SemaphoreSlim gate = new(1, 1);

    public string File { get; } = Path.GetFullPath(file);

    public static string FileFor(IConfiguration? configuration, string dataSource, string databaseDirectory) =>
        configuration?[FileSetting] is { Length: > 0 } configured ? configured
            : Path.Combine(databaseDirectory, "keys", $"{Path.GetFileNameWithoutExtension(dataSource)}.checkpoints");

    /// <summary>Appends the current head with the reason; returns it (null for an empty chain, which writes nothing).</summary>
    public async Task<AuditHead?> AppendAsync(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock, string reason,
        CancellationToken cancellationToken = default)
    {
        AuditHead? head;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken)) head = await AuditHead.ReadAsync(db, cancellationToken);
        if (head is null) return null;
        var line = $"{head.Sequence.ToString(CultureInfo.InvariantCulture)} {head.Hash} " +
                   $"{clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)} {reason}\n";
        await gate.WaitAsync(cancellationToken);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(File)!);
            await using var stream = new FileStream(File, FileMode.Append, FileAccess.Write, FileShare.Read);
            await stream.WriteAsync(Encoding.UTF8.GetBytes(line), cancellationToken);
            stream.Flush(flushToDisk: true);
        }
        finally { gate.Release(); }
        return head;
    }

    /// <summary>Every head in a checkpoint file, and the numbers of the lines that are not one.</summary>
    public static (IReadOnlyList<Checkpoint> Heads, IReadOnlyList<int> Malformed) Read(string file)
    {
        var heads = new List<Checkpoint>();
        var malformed = new List<int>();
        var number = 0;
        foreach (var line in System.IO.File.ReadLines(file))
        {
            number++;
            if (line.Length == 0) continue;
            var parts = line.Split(' ', 4);
            if (parts.Length == 4 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
                && parts[1].Length == 64 && parts[1].All(char.IsAsciiHexDigitLower)
                && DateTimeOffset.TryParseExact(parts[2], "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal, out var at))
                heads.Add(new Checkpoint(file, number, sequence, parts[1], at, parts[3]));
            else
                malformed.Add(number);
        }
        return (heads, malformed);
    }
}

/// <summary>Writes the head to the checkpoint file when the app starts and then once a day.</summary>
public sealed class DailyAuditCheckpoint(AuditCheckpoints checkpoints, IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock,
    ILogger<DailyAuditCheckpoint> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try { await checkpoints.AppendAsync(dbFactory, clock, AuditCheckpoints.Daily, stoppingToken); }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Kunne ikke skrive sjekkpunkt for revisjonsloggen til {File}", checkpoints.File);
            }
            try { await Task.Delay(TimeSpan.FromDays(1), clock, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }
}

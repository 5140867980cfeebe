using System.Collections.Concurrent;
using Helsefellesskap.App.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Helsefellesskap.App.Features.Meetings.Live;

/// <summary>
/// The change bus between app servers sharing one PostgreSQL database. After a meeting command commits, the server
/// that ran it hands the snapshot to its own screens and sends <c>NOTIFY meeting_changes, '&lt;meeting id&gt;:&lt;revision&gt;'</c>.
/// Every server keeps one connection listening on the channel; a server with screens in that meeting reads the
/// snapshot once (unless it already holds one as new) and hands it to its screens through the
/// <see cref="MeetingNotifier"/>. Revisions come from the database's sequence "MeetingRevisions" (SqlObjects),
/// so they compare across servers. When the listening connection drops, it is opened again and every followed
/// meeting is read again: notifications sent meanwhile are lost.
/// </summary>
public sealed class PostgresMeetingBus : BackgroundService, IMeetingBus
{
    public const string Channel = "meeting_changes";

    private readonly MeetingNotifier _notifier;
    private readonly IDbContextFactory<AppDbContext> _dbFactory;
    private readonly ILogger<PostgresMeetingBus> _logger;
    private readonly NpgsqlDataSource _dataSource;
    // Per meeting: the highest revision handed to this server's screens, and one read at a time.
    private readonly ConcurrentDictionary<Guid, long> _delivered = new();
    private readonly ConcurrentDictionary<Guid, SemaphoreSlim> _reads = new();
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public PostgresMeetingBus(MeetingNotifier notifier, IDbContextFactory<AppDbContext> dbFactory, DatabaseLocation database,
        ILogger<PostgresMeetingBus> logger)
    {
        _notifier = notifier;
        _dbFactory = dbFactory;
        _logger = logger;
        // Keepalives on the otherwise silent listening connection: a dead server or network is noticed in seconds.
        var connection = new NpgsqlConnectionStringBuilder(database.ConnectionString) { KeepAlive = 10, ApplicationName = "helsefellesskap-bus" };
        _dataSource = NpgsqlDataSource.Create(connection.ConnectionString);
    }

    /// <summary>Completes once this server listens (after start-up); notifications sent before are not heard.</summary>
    public Task Listening => _listening.Task;

    /// <summary>How many times the listening connection has been opened (1 after start-up; more after reconnects).</summary>
    public int Connections { get; private set; }

    public async Task<long> NextRevisionAsync(AppDbContext db) =>
        await db.Database.SqlQuery<long>($"""SELECT nextval('"MeetingRevisions"') AS "Value" """).SingleAsync();

    // Another server's screens may follow the meeting, and they hear of it only through the notification.
    public bool AnyoneFollows(Guid meetingId) => true;

    // Another server, or a command on this one (no write gate on PostgreSQL), may have changed the meeting after the
    // last snapshot this server built: every command reads the meeting afresh.
    public MeetingSnapshot? Latest(Guid meetingId) => null;

    public void Remember(MeetingSnapshot snapshot) { }

    public async Task PublishAsync(MeetingSnapshot snapshot)
    {
        _logger.LogDebug("{At:HH:mm:ss.fff} publiserer møte {MeetingId} revisjon {Revision}", DateTime.UtcNow, snapshot.MeetingId, snapshot.Revision);
        var local = Deliver(snapshot);
        try
        {
            await using var notify = _dataSource.CreateCommand("SELECT pg_notify($1, $2)");
            notify.Parameters.Add(new NpgsqlParameter { Value = Channel });
            notify.Parameters.Add(new NpgsqlParameter { Value = $"{snapshot.MeetingId:N}:{snapshot.Revision}" });
            await notify.ExecuteNonQueryAsync();
        }
        catch (Exception e)
        {
            // The change is committed and this server's screens have it; the other servers' screens catch up with the
            // meeting's next change, or when they rejoin.
            _logger.LogWarning(e, "Kunne ikke varsle andre appservere om møte {MeetingId} revisjon {Revision}.", snapshot.MeetingId, snapshot.Revision);
        }
        await local;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await _dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, e) => Heard(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                Connections++;
                // Whatever was notified while nobody listened (before a reconnect) is read fresh.
                if (Connections > 1)
                    foreach (var meetingId in _notifier.FollowedMeetingIds) _ = Task.Run(() => RefreshAsync(meetingId, notified: null));
                _listening.TrySetResult();
                while (true) await connection.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception e)
            {
                _logger.LogWarning(e, "Lytteforbindelsen for møteendringer falt; kobler til igjen.");
                try { await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken); }
                catch (OperationCanceledException) { return; }
            }
        }
    }

    public override void Dispose()
    {
        base.Dispose();
        _dataSource.Dispose();
    }

    /// <summary>Called on the listening connection's thread: the read goes to the thread pool.</summary>
    private void Heard(string payload)
    {
        var parts = payload.Split(':');
        if (parts.Length != 2 || !Guid.TryParse(parts[0], out var meetingId) || !long.TryParse(parts[1], out var revision)) return;
        _logger.LogDebug("{At:HH:mm:ss.fff} hørte møte {MeetingId} revisjon {Revision}", DateTime.UtcNow, meetingId, revision);
        if (!_notifier.IsFollowed(meetingId) || HasAtLeast(meetingId, revision)) return;
        _ = Task.Run(() => RefreshAsync(meetingId, revision));
    }

    /// <summary>
    /// Reads the meeting's snapshot once and hands it to this server's screens. A read whose revision is higher than
    /// the notified one started after that change committed, so while one read runs, notifications it covers are dropped.
    /// </summary>
    private async Task RefreshAsync(Guid meetingId, long? notified)
    {
        var gate = _reads.GetOrAdd(meetingId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync();
        try
        {
            if (!_notifier.IsFollowed(meetingId) || notified is { } n && HasAtLeast(meetingId, n)) return;
            await using var db = await _dbFactory.CreateDbContextAsync();
            var snapshot = await MeetingSnapshots.LoadAsync(db, meetingId, await NextRevisionAsync(db));
            _logger.LogDebug("{At:HH:mm:ss.fff} leste møte {MeetingId} revisjon {Revision}", DateTime.UtcNow, meetingId, snapshot?.Revision);
            if (snapshot is not null) await Deliver(snapshot);
        }
        catch (Exception e)
        {
            _logger.LogWarning(e, "Kunne ikke lese møte {MeetingId} etter en endring på en annen appserver.", meetingId);
        }
        finally { gate.Release(); }
    }

    private bool HasAtLeast(Guid meetingId, long revision) => _delivered.TryGetValue(meetingId, out var had) && had >= revision;

    private Task Deliver(MeetingSnapshot snapshot)
    {
        _delivered.AddOrUpdate(snapshot.MeetingId, snapshot.Revision, (_, had) => Math.Max(had, snapshot.Revision));
        return _notifier.PublishAsync(snapshot);
    }
}

using System.Collections.Concurrent;
using Helsefellesskap.App.Data;
using Microsoft.EntityFrameworkCore;

namespace Helsefellesskap.App.Features.Meetings.Live;

/// <summary>
/// The change bus between app servers sharing one PostgreSQL database. After a meeting command commits, the server
/// that ran it hands the snapshot to its own screens and sends the signal <c>meeting</c> with
/// <c>&lt;meeting id&gt;:&lt;revision&gt;</c> over the <see cref="IServerLink"/>. A server with screens in that meeting reads
/// the snapshot once (unless it already holds one as new) and hands it to its screens through the
/// <see cref="MeetingNotifier"/>. Revisions come from the database's sequence "MeetingRevisions" (SqlObjects),
/// so they compare across servers. When the link listens again after a drop, every followed meeting is read again:
/// signals sent meanwhile are lost.
/// </summary>
public sealed class PostgresMeetingBus : IMeetingBus
{
    public const string Signal = "meeting";

    private readonly MeetingNotifier _notifier;
    private readonly IDbContextFactory<AppDbContext> _dbFactory;
    private readonly IServerLink _link;
    private readonly ILogger<PostgresMeetingBus> _logger;
    // Per meeting: the highest revision handed to this server's screens, and one read at a time.
    private readonly ConcurrentDictionary<Guid, long> _delivered = new();
    private readonly ConcurrentDictionary<Guid, SemaphoreSlim> _reads = new();

    public PostgresMeetingBus(MeetingNotifier notifier, IDbContextFactory<AppDbContext> dbFactory, IServerLink link,
        ILogger<PostgresMeetingBus> logger)
    {
        _notifier = notifier;
        _dbFactory = dbFactory;
        _link = link;
        _logger = logger;
    }

    public async Task<long> NextRevisionAsync(AppDbContext db) =>
        await db.Database.SqlQuery<long>($"""SELECT nextval('"MeetingRevisions"') AS "Value" """).SingleAsync();

    // Another server's screens may follow the meeting, and they hear of it only through the signal.
    public bool AnyoneFollows(Guid meetingId) => true;

    // Another server, or a command on this one (no write gate on PostgreSQL), may have changed the meeting after the
    // last snapshot this server built: every command reads the meeting afresh.
    public MeetingSnapshot? Latest(Guid meetingId) => null;

    public void Remember(MeetingSnapshot snapshot) { }

    public async Task PublishAsync(MeetingSnapshot snapshot)
    {
        _logger.LogDebug("{At:HH:mm:ss.fff} publiserer møte {MeetingId} revisjon {Revision}", DateTime.UtcNow, snapshot.MeetingId, snapshot.Revision);
        // The change is committed and this server's screens have it; if the signal is lost, the other servers' screens
        // catch up with the meeting's next change, or when they rejoin.
        await Task.WhenAll(Deliver(snapshot), _link.SendAsync(Signal, $"{snapshot.MeetingId:N}:{snapshot.Revision}"));
    }

    /// <summary>Another server changed a meeting: this server reads it if its screens follow it.</summary>
    public Task HeardAsync(string argument)
    {
        var parts = argument.Split(':');
        if (parts.Length != 2 || !Guid.TryParse(parts[0], out var meetingId) || !long.TryParse(parts[1], out var revision)) return Task.CompletedTask;
        _logger.LogDebug("{At:HH:mm:ss.fff} hørte møte {MeetingId} revisjon {Revision}", DateTime.UtcNow, meetingId, revision);
        if (!_notifier.IsFollowed(meetingId) || HasAtLeast(meetingId, revision)) return Task.CompletedTask;
        return RefreshAsync(meetingId, revision);
    }

    /// <summary>Signals were lost while the link was down: every meeting this server's screens follow is read again.</summary>
    public Task ReconnectedAsync() => Task.WhenAll(_notifier.FollowedMeetingIds.Select(meetingId => RefreshAsync(meetingId, notified: null)));

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

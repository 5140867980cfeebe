using Helsefellesskap.App.Data;

namespace Helsefellesskap.App.Features.Meetings.Live;

/// <summary>
/// How a committed change to a meeting reaches every screen that follows it, on this server and on any other app
/// server sharing the database. On SQLite (one process) that is <see cref="InProcessMeetingBus"/>; on PostgreSQL,
/// <see cref="PostgresMeetingBus"/> (LISTEN/NOTIFY).
/// </summary>
public interface IMeetingBus
{
    /// <summary>
    /// A revision taken after the change committed and before its snapshot is read: a later read, on any server,
    /// carries a higher one, so each screen keeps the newest snapshot it was given.
    /// </summary>
    Task<long> NextRevisionAsync(AppDbContext db);

    /// <summary>Hands the snapshot to this server's screens in the meeting and tells the other servers it changed.</summary>
    Task PublishAsync(MeetingSnapshot snapshot);

    /// <summary>Whether a screen anywhere may follow the meeting: a command builds no snapshot that nobody would receive.</summary>
    bool AnyoneFollows(Guid meetingId);

    /// <summary>
    /// The last snapshot a command built, for the next command to build on instead of reading the meeting again; null
    /// when it may not hold every committed change (none kept, or another server may have changed the meeting since).
    /// </summary>
    MeetingSnapshot? Latest(Guid meetingId);

    /// <summary>Keeps a snapshot a command built as the meeting's latest, where <see cref="Latest"/> can trust it.</summary>
    void Remember(MeetingSnapshot snapshot);
}

/// <summary>One server on one SQLite file: the revision is the process's counter, the notifier reaches every screen.</summary>
public sealed class InProcessMeetingBus(MeetingNotifier notifier) : IMeetingBus
{
    public Task<long> NextRevisionAsync(AppDbContext db) => Task.FromResult(notifier.NextRevision());

    public Task PublishAsync(MeetingSnapshot snapshot) => notifier.PublishAsync(snapshot);

    public bool AnyoneFollows(Guid meetingId) => notifier.IsFollowed(meetingId);

    // Every command runs under the write gate on this one server, so the last snapshot built holds every change.
    public MeetingSnapshot? Latest(Guid meetingId) => notifier.Latest(meetingId);

    public void Remember(MeetingSnapshot snapshot) => notifier.Remember(snapshot);
}

public static class MeetingBusSetup
{
    /// <summary>The bus for the configured database: between app servers on PostgreSQL, in process on SQLite.</summary>
    public static IServiceCollection AddMeetingBus(this IServiceCollection services, DatabaseLocation database)
    {
        if (database.Provider == DatabaseProvider.Postgres)
        {
            services.AddSingleton<PostgresServerLink>();
            services.AddSingleton<IServerLink>(sp => sp.GetRequiredService<PostgresServerLink>());
            services.AddHostedService(sp => sp.GetRequiredService<PostgresServerLink>());
            services.AddSingleton<PostgresMeetingBus>();
            services.AddSingleton<IMeetingBus>(sp => sp.GetRequiredService<PostgresMeetingBus>());
            services.AddSingleton(new ServerSignal(PostgresMeetingBus.Signal,
                (sp, argument) => sp.GetRequiredService<PostgresMeetingBus>().HeardAsync(argument),
                sp => sp.GetRequiredService<PostgresMeetingBus>().ReconnectedAsync()));
        }
        else
        {
            services.AddSingleton<IServerLink, SingleServerLink>();
            services.AddSingleton<IMeetingBus, InProcessMeetingBus>();
        }
        return services;
    }
}

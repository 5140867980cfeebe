using Helsefellesskap.App.Shared.Store;
using Helsefellesskap.Domain;
using Helsefellesskap.Domain.Access;
using Helsefellesskap.Domain.Cases;
using Helsefellesskap.Domain.Meetings;
using Helsefellesskap.Domain.Partnerships;

namespace Helsefellesskap.App.Features.Meetings.Live;

/// <summary>
/// The user in the meeting, read once when the screen joins: the leaves ask <see cref="Actor"/>'s MayX for the day,
/// and every command asks the same rule again (MustX) against the database.
/// </summary>
public sealed record MeetingRights(Actor Actor, DateOnly Today)
{
    public static readonly MeetingRights None = new(Actor.Nobody, DateOnly.MinValue);
    public Guid? PersonId => Actor.PersonId;

    /// <summary>The cases this user may not read (a confidential case, offl. § 13), with what shows instead of the title.</summary>
    public IReadOnlyDictionary<Guid, string> WithheldCases { get; init; } = new Dictionary<Guid, string>();
}

/// <summary>The meeting room's UI state: the latest snapshot, this user's rights, and the command under way.</summary>
public sealed record MeetingRoomState(Guid? MeetingId, MeetingSnapshot? Snapshot, MeetingRights Rights, bool NotFound,
    string? Busy, string? Error, string? Confirmation)
{
    public static readonly MeetingRoomState Empty = new(null, null, MeetingRights.None, false, null, null, null);

    /// <summary>What a screen reader is told of the last change, in a few words; null when nothing worth saying changed.</summary>
    public string? Announcement { get; init; }
}

// Actions
public sealed record JoinMeeting(Guid MeetingId);
public sealed record MeetingJoined(MeetingSnapshot? Snapshot, MeetingRights Rights);
public sealed record SnapshotArrived(MeetingSnapshot Snapshot);
public sealed record RunMeetingCommand(string Description, Func<MeetingWork, Task> Execute);
public sealed record MeetingCommandSucceeded(string Description);
public sealed record MeetingCommandFailed(string Description, string Message);
public sealed record DismissMeetingMessage;

public sealed class MeetingRoomFeature : Feature<MeetingRoomState>
{
    public override MeetingRoomState InitialState => MeetingRoomState.Empty;

    public override MeetingRoomState Reduce(MeetingRoomState state, object action) => action switch
    {
        JoinMeeting join when join.MeetingId != state.MeetingId => MeetingRoomState.Empty with { MeetingId = join.MeetingId },
        MeetingJoined joined => (Newer(state, joined.Snapshot) ? state with { Snapshot = joined.Snapshot?.As(joined.Rights) } : state)
            with { Rights = joined.Rights, NotFound = joined.Snapshot is null && state.Snapshot is null },
        SnapshotArrived arrived when Newer(state, arrived.Snapshot) =>
            state with { Snapshot = arrived.Snapshot.As(state.Rights), Announcement = Announce(state.Snapshot, arrived.Snapshot.As(state.Rights)) },
        RunMeetingCommand run => state with { Busy = run.Description, Error = null, Confirmation = null },
        MeetingCommandSucceeded done => state with { Busy = null, Confirmation = done.Description },
        MeetingCommandFailed failed => state with { Busy = null, Error = failed.Message },
        EffectFailed failed => state with { Busy = null, Error = "Noe gikk galt. Prøv igjen, eller last siden på nytt." },
        DismissMeetingMessage when state.Error is not null || state.Confirmation is not null => state with { Error = null, Confirmation = null },
        _ => state,
    };

    /// <summary>
    /// The change worth telling a screen reader, briefly: an item opened or closed, or how many parties now agree.
    /// Everything else (who registered, remarks) is on the screen for whoever looks.
    /// </summary>
    public static string? Announce(MeetingSnapshot? before, MeetingSnapshot after)
    {
        if (after.Current is not { } now) return null;
        var name = now.CaseNumber ?? $"«{now.Title}»";
        var then = before?.Current;
        if (then?.ItemId != now.ItemId || then.State != now.State)
            return now.State switch
            {
                AgendaItemState.Open => $"{name} er åpnet.",
                AgendaItemState.Closed => now.Outcome is { } outcome ? $"{name} er avsluttet: {outcome.Label()}." : $"{name} er avsluttet.",
                _ => null,
            };
        if (now.TakesPositions && (then.Agreeing != now.Agreeing || then.Required != now.Required || then.WordingVersion != now.WordingVersion))
            return then.WordingVersion != now.WordingVersion
                ? $"Ordlyden er endret. {now.Agreeing} av {now.Required} parter enige."
                : $"{now.Agreeing} av {now.Required} parter enige.";
        return null;
    }

    /// <summary>A snapshot for this meeting that is later than the one shown; an older one (a slow join) is ignored.</summary>
    private static bool Newer(MeetingRoomState state, MeetingSnapshot? snapshot) =>
        snapshot is not null && snapshot.MeetingId == state.MeetingId && (state.Snapshot is null || snapshot.Revision > state.Snapshot.Revision);
}

/// <summary>Reads the meeting when a screen joins, and runs the user's commands against the services.</summary>
public sealed class MeetingRoomEffects(MeetingWork work, MeetingQueries queries) : IEffect<MeetingRoomState>
{
    public async Task HandleAsync(object action, IDispatcher dispatcher)
    {
        switch (action)
        {
            case JoinMeeting join:
                var snapshot = await work.SnapshotAsync(join.MeetingId);
                var rights = snapshot is null ? MeetingRights.None : await queries.RightsAsync(snapshot.BodyId);
                dispatcher.Dispatch(new MeetingJoined(snapshot, rights));
                break;
            case RunMeetingCommand run:
                try
                {
                    await run.Execute(work);
                    dispatcher.Dispatch(new MeetingCommandSucceeded(run.Description));
                }
                catch (DomainException e)
                {
                    dispatcher.Dispatch(new MeetingCommandFailed(run.Description, e.Message));
                }
                break;
        }
    }
}

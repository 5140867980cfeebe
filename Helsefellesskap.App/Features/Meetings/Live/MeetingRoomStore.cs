using System.Globalization;
using Helsefellesskap.App.Shared;
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
// The user's commands are in MeetingCommands.cs.
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
        MeetingCommand command => state with { Busy = command.Done, Error = null, Confirmation = null },
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
            case MeetingCommand command:
                dispatcher.Dispatch(await Command.RunAsync(() => RunAsync(command)) is { } refused
                    ? new MeetingCommandFailed(command.Done, refused.Message)
                    : new MeetingCommandSucceeded(command.Done));
                break;
        }
    }

    /// <summary>Each command is one call of the meeting's service, which checks who may do it.</summary>
    private Task RunAsync(MeetingCommand command) => command switch
    {
        SendNoticeAction c => work.SendNoticeAsync(c.MeetingId),
        RescheduleMeetingAction c => RescheduleAsync(c),
        CancelMeetingAction c => work.CancelAsync(c.MeetingId),
        OpenMeetingAction c => work.OpenMeetingAsync(c.MeetingId),
        CloseMeetingAction c => work.CloseMeetingAsync(c.MeetingId),
        AddCaseAction c => work.AddCaseAsync(c.MeetingId, c.CaseId),
        MoveCaseAction c => work.MoveCaseAsync(c.MeetingId, c.ItemId, c.Direction),
        RemoveCaseAction c => work.RemoveCaseAsync(c.MeetingId, c.ItemId),
        ReportOwnAbsenceAction c => work.ReportAbsenceAsync(c.MeetingId, null, c.Reason),
        RecordAllCalledPresentAction c => work.RecordAllCalledPresentAsync(c.MeetingId),
        RecordPresenceAction c => work.RecordPresenceAsync(c.MeetingId, c.PersonId, c.Present),
        CallInSubstituteAction c => work.CallInSubstituteAsync(c.MeetingId, c.SubstitutePersonId, c.ForPersonId),
        OpenItemAction c => work.OpenItemAsync(c.MeetingId, c.ItemId),
        RegisterPositionAction c => work.RegisterPositionAsync(c.MeetingId, c.ItemId, c.PartyId, c.WordingVersion, c.Kind, c.Text, c.Seen),
        AmendWordingAction c => work.AmendWordingAsync(c.MeetingId, c.ItemId, c.Text),
        AddRemarkAction c => work.AddRemarkAsync(c.MeetingId, c.ItemId, c.Text, c.Key),
        CloseItemAction c => work.CloseItemAsync(c.MeetingId, c.ItemId, c.Closing),
        _ => throw new InvalidOperationException($"Ingen effekt kjører {command.GetType().Name}; legg den til i MeetingRoomEffects."),
    };

    private Task RescheduleAsync(RescheduleMeetingAction c)
    {
        if (!DateOnly.TryParse(c.Day, CultureInfo.InvariantCulture, out var day)) throw new DomainException("Skriv datoen som dd.mm.åååå.");
        if (!TimeOnly.TryParse(c.Time, CultureInfo.InvariantCulture, out var time)) throw new DomainException("Skriv klokkeslettet som tt:mm.");
        return work.RescheduleAsync(c.MeetingId, day, time, TimeSpan.FromMinutes(c.Minutes), c.Location, c.VideoLink);
    }
}

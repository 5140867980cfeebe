using Helsefellesskap.App.Features.Meetings;
using Helsefellesskap.App.Features.Meetings.Live;
using Bunit;
using Helsefellesskap.App.Shared.Store;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Logging.Abstractions;
using Helsefellesskap.Domain.Cases;
using Helsefellesskap.Domain.Meetings;
using Helsefellesskap.Domain.Partnerships;

namespace Helsefellesskap.Tests.Meetings;

/// <summary>The meeting room's reducers and the store's rules, without a browser or a database.</summary>
public sealed class MeetingRoomStoreSpecs
{
    private static readonly Guid MeetingId = Guid.NewGuid();

    private static MeetingSnapshot Snapshot(long revision, MeetingStatus status = MeetingStatus.InProgress) =>
        new(revision, MeetingId, Guid.NewGuid(), "Strategisk samarbeidsutvalg", "SSU", Mandate.Decides, DateTimeOffset.UnixEpoch,
            DateTimeOffset.UnixEpoch.AddHours(3), "Hamar", null, status, [], null, [], []);

    private static readonly Guid ItemId = Guid.NewGuid();

    /// <summary>A snapshot whose current item is a decision case in the given state, with so many parties agreeing.</summary>
    private static MeetingSnapshot WithItem(long revision, AgendaItemState state, int agreeing, int wording = 1) =>
        Snapshot(revision) with
        {
            Current = new CurrentItem(ItemId, AgendaItemKind.Case, "Felles rutine", "SSU-sak 010/2026", Guid.NewGuid(), Guid.NewGuid(),
                CaseType.Decision, false, state, wording, "SSU vedtar rutinen.", [], [], null, agreeing, 8,
                state == AgendaItemState.Closed ? Outcome.Binding : Outcome.NoConsensus, null, null, []),
        };

    [Fact]
    public void An_opened_item_a_closed_item_and_the_count_of_agreeing_parties_are_announced_in_a_few_words()
    {
        var feature = new MeetingRoomFeature();
        var state = feature.Reduce(feature.InitialState, new JoinMeeting(MeetingId));
        state = feature.Reduce(state, new SnapshotArrived(Snapshot(1)));

        state = feature.Reduce(state, new SnapshotArrived(WithItem(2, AgendaItemState.Open, 0)));
        Assert.Equal("SSU-sak 010/2026 er åpnet.", state.Announcement);
        state = feature.Reduce(state, new SnapshotArrived(WithItem(3, AgendaItemState.Open, 7)));
        Assert.Equal("7 av 8 parter enige.", state.Announcement);
        state = feature.Reduce(state, new SnapshotArrived(WithItem(4, AgendaItemState.Open, 0, wording: 2)));
        Assert.Equal("Ordlyden er endret. 0 av 8 parter enige.", state.Announcement);
        // A change nobody needs to hear about (a remark, a replaced position with the same count) says nothing.
        state = feature.Reduce(state, new SnapshotArrived(WithItem(5, AgendaItemState.Open, 0, wording: 2)));
        Assert.Null(state.Announcement);
        state = feature.Reduce(state, new SnapshotArrived(WithItem(6, AgendaItemState.Closed, 8, wording: 2)));
        Assert.Equal("SSU-sak 010/2026 er avsluttet: Bindende vedtak.", state.Announcement);
    }

    private static Store<MeetingRoomState> NewStore(params IEffect<MeetingRoomState>[] effects) => new(new MeetingRoomFeature(), effects);

    [Fact]
    public void A_later_snapshot_replaces_the_one_shown_and_an_older_one_arriving_late_is_ignored()
    {
        var feature = new MeetingRoomFeature();
        var joined = feature.Reduce(feature.InitialState, new JoinMeeting(MeetingId));
        var newer = feature.Reduce(joined, new SnapshotArrived(Snapshot(5)));
        Assert.Equal(5, newer.Snapshot!.Revision);
        Assert.Same(newer, feature.Reduce(newer, new SnapshotArrived(Snapshot(3))));
        // The join's own read can finish after a change already arrived: the change stays.
        var afterJoin = feature.Reduce(newer, new MeetingJoined(Snapshot(4), MeetingRights.None));
        Assert.Equal(5, afterJoin.Snapshot!.Revision);
    }

    [Fact]
    public void A_snapshot_of_another_meeting_is_ignored()
    {
        var feature = new MeetingRoomFeature();
        var joined = feature.Reduce(feature.InitialState, new JoinMeeting(Guid.NewGuid()));
        Assert.Same(joined, feature.Reduce(joined, new SnapshotArrived(Snapshot(9))));
    }

    [Fact]
    public void A_refused_command_shows_the_domains_message_and_ends_the_busy_state()
    {
        var feature = new MeetingRoomFeature();
        var busy = feature.Reduce(feature.InitialState,
            new RegisterPositionAction(MeetingId, ItemId, Guid.NewGuid(), 1, PositionKind.Agree, null, new SeenPosition(null)));
        Assert.Equal("Standpunktet er registrert.", busy.Busy);
        var failed = feature.Reduce(busy, new MeetingCommandFailed("x", "Behandlingen i SSU er avsluttet."));
        Assert.Null(failed.Busy);
        Assert.Equal("Behandlingen i SSU er avsluttet.", failed.Error);
    }

    [Fact]
    public void Actions_wait_until_the_store_is_initialised_after_the_first_interactive_render()
    {
        var store = NewStore();
        store.Dispatch(new JoinMeeting(MeetingId));
        store.Dispatch(new SnapshotArrived(Snapshot(1)));
        Assert.Null(store.Value.MeetingId);
        store.Initialize();
        Assert.Equal(1, store.Value.Snapshot!.Revision);
    }

    [Fact]
    public void State_changed_fires_only_when_a_reducer_returns_a_new_state()
    {
        var store = NewStore();
        store.Initialize();
        var changes = 0;
        store.StateChanged += (_, _) => changes++;
        store.Dispatch(new JoinMeeting(MeetingId));
        store.Dispatch(new SnapshotArrived(Snapshot(2)));
        store.Dispatch(new SnapshotArrived(Snapshot(2)));
        store.Dispatch(new DismissMeetingMessage());
        Assert.Equal(2, changes);
    }

    [Fact]
    public void Effects_run_after_the_reducer_and_their_actions_are_reduced_in_turn()
    {
        var seen = new List<string>();
        var effect = new RecordingEffect(seen);
        var store = NewStore(effect);
        store.StateChanged += (_, _) => seen.Add("state:" + (store.Value.Busy ?? store.Value.Confirmation));
        store.Initialize();
        store.Dispatch(new SendNoticeAction(MeetingId));
        Assert.Equal(["state:Innkallingen er sendt.", "effect:SendNoticeAction", "state:Innkallingen er sendt.", "effect:MeetingCommandSucceeded"], seen);
    }

    private sealed class RecordingEffect(List<string> seen) : IEffect<MeetingRoomState>
    {
        public Task HandleAsync(object action, IDispatcher dispatcher)
        {
            seen.Add("effect:" + action.GetType().Name);
            if (action is MeetingCommand command) dispatcher.Dispatch(new MeetingCommandSucceeded(command.Done));
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task A_dispatch_off_the_circuits_thread_fails_loudly()
    {
        var circuit = Dispatcher.CreateDefault();
        var store = NewStore();
        await circuit.InvokeAsync(() =>
        {
            store.Dispatch(new JoinMeeting(MeetingId));
            store.Initialize();
        });

        // A notifier's callback runs on the thread pool; it must go through the component's InvokeAsync.
        var error = await Task.Run(() => Assert.Throws<InvalidOperationException>(() => store.Dispatch(new SnapshotArrived(Snapshot(1)))));
        Assert.Contains("InvokeAsync", error.Message);
        Assert.Null(store.Value.Snapshot);

        await circuit.InvokeAsync(() => store.Dispatch(new SnapshotArrived(Snapshot(1))));
        Assert.Equal(1, store.Value.Snapshot!.Revision);
    }

    [Fact]
    public void A_store_component_whose_subclass_forgets_base_OnInitialized_fails_when_rendered()
    {
        using var context = new BunitContext();
        var error = Assert.Throws<InvalidOperationException>(() => context.Render<ForgetsBaseOnInitialized>());
        Assert.Contains("base.OnInitialized()", error.Message);
        context.Render<CallsBaseOnInitialized>();
    }

    private sealed class ForgetsBaseOnInitialized : StoreComponent
    {
        protected override void OnInitialized() { }
    }

    private sealed class CallsBaseOnInitialized : StoreComponent
    {
        protected override void OnInitialized() => base.OnInitialized();
    }

    [Fact]
    public void A_meeting_is_forgotten_by_the_notifier_when_its_last_screen_leaves()
    {
        var notifier = new MeetingNotifier(NullLogger<MeetingNotifier>.Instance);
        var first = notifier.Subscribe(MeetingId, _ => Task.CompletedTask);
        var second = notifier.Subscribe(MeetingId, _ => Task.CompletedTask);
        var other = notifier.Subscribe(Guid.NewGuid(), _ => Task.CompletedTask);
        Assert.Equal(2, notifier.FollowedMeetings);

        first.Dispose();
        Assert.Equal(2, notifier.FollowedMeetings);
        second.Dispose();
        other.Dispose();
        Assert.Equal(0, notifier.FollowedMeetings);
        // Leaving twice is harmless, and the meeting can be followed again.
        second.Dispose();
        using var again = notifier.Subscribe(MeetingId, _ => Task.CompletedTask);
        Assert.Equal(1, notifier.FollowedMeetings);
    }
}

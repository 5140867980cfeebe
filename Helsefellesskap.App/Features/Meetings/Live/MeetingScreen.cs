using Helsefellesskap.App.Shared.Store;
using Microsoft.AspNetCore.Components;

namespace Helsefellesskap.App.Features.Meetings.Live;

/// <summary>
/// A page that follows a meeting live: it joins the meeting in its circuit's store and subscribes to the
/// notifier, so every change reaches it through <see cref="ComponentBase.InvokeAsync(Action)"/> without polling.
/// </summary>
public abstract class MeetingScreen : StoreComponent
{
    private IDisposable? _subscription;
    private Guid _subscribedTo;

    [Parameter] public Guid Id { get; set; }

    [Inject] protected Store<MeetingRoomState> Store { get; set; } = default!;
    [Inject] private MeetingNotifier Notifier { get; set; } = default!;

    protected MeetingRoomState State => Store.Value;
    protected MeetingSnapshot? Snapshot => State.MeetingId == Id ? State.Snapshot : null;

    protected override void OnParametersSet()
    {
        // Once the page follows a meeting, another meeting's id follows that one instead.
        if (_subscription is not null && _subscribedTo != Id) Join();
    }

    protected override Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            Join();
            // Actions wait until the store is initialised after the first interactive render; prerendering reads nothing.
            Store.Initialize();
        }
        return Task.CompletedTask;
    }

    /// <summary>
    /// Subscribes first, then reads the meeting, every time the page joins: back on the page in the same tab, the
    /// circuit's store still holds what it showed when the user left, and changes made meanwhile never reached it.
    /// </summary>
    private void Join()
    {
        Subscribe();
        Store.Dispatch(new JoinMeeting(Id));
    }

    private void Subscribe()
    {
        _subscription?.Dispose();
        _subscribedTo = Id;
        _subscription = Notifier.Subscribe(Id, snapshot => InvokeAsync(() => Store.Dispatch(new SnapshotArrived(snapshot))));
    }

    /// <summary>Hands a command (an action record) to the store, whose effect runs it.</summary>
    protected void Dispatch(MeetingCommand command) => Store.Dispatch(command);

    public override void Dispose()
    {
        _subscription?.Dispose();
        base.Dispose();
    }
}

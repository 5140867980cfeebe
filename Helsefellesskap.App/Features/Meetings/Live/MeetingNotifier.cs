namespace Helsefellesskap.App.Features.Meetings.Live;

/// <summary>
/// The one place in the server that knows which circuits follow which meeting. A command that changed a meeting
/// publishes the new snapshot once; each subscribed circuit receives the same immutable snapshot and dispatches it
/// into its own store. No circuit polls the database.
/// </summary>
public sealed class MeetingNotifier(ILogger<MeetingNotifier> logger)
{
    // Subscribing and leaving are rare next to publishing: one lock keeps "the last screen left, so the meeting goes"
    // from racing a screen that joins it at that moment; a publish copies its meeting's subscribers under the lock.
    private readonly Lock _lock = new();
    private readonly Dictionary<Guid, Subscription[]> _meetings = [];
    // The last snapshot a command built for each followed meeting: a position registration changes one item's board,
    // so it builds the next snapshot from this one and the treatment it saved, not by reading the meeting again.
    private readonly Dictionary<Guid, MeetingSnapshot> _latest = [];
    private long _revision;

    /// <summary>A revision taken before a snapshot is read: a later read always carries a higher one.</summary>
    public long NextRevision() => Interlocked.Increment(ref _revision);

    /// <summary>How many meetings have a screen following them now; a meeting is forgotten when its last screen leaves.</summary>
    public int FollowedMeetings
    {
        get { lock (_lock) return _meetings.Count; }
    }

    /// <summary>The meetings a screen on this server follows now.</summary>
    public IReadOnlyList<Guid> FollowedMeetingIds
    {
        get { lock (_lock) return [.. _meetings.Keys]; }
    }

    /// <summary>Whether any screen follows the meeting now: a command builds no snapshot that nobody would receive.</summary>
    public bool IsFollowed(Guid meetingId)
    {
        lock (_lock) return _meetings.ContainsKey(meetingId);
    }

    /// <summary>
    /// The last snapshot a command built for the meeting (under the write gate, so it holds every change saved before
    /// it), or null when none was built since a screen began to follow it.
    /// </summary>
    public MeetingSnapshot? Latest(Guid meetingId)
    {
        lock (_lock) return _latest.GetValueOrDefault(meetingId);
    }

    /// <summary>
    /// Keeps the snapshot a command built under the write gate as the meeting's latest, for the next command to build
    /// on; only while a screen follows the meeting. Call it inside the gate, before publishing.
    /// </summary>
    public void Remember(MeetingSnapshot snapshot)
    {
        lock (_lock)
        {
            if (!_meetings.ContainsKey(snapshot.MeetingId)) return;
            if (_latest.GetValueOrDefault(snapshot.MeetingId) is { } kept && kept.Revision > snapshot.Revision) return;
            _latest[snapshot.MeetingId] = snapshot;
        }
    }

    public IDisposable Subscribe(Guid meetingId, Func<MeetingSnapshot, Task> onChanged)
    {
        var subscription = new Subscription(this, meetingId, onChanged);
        lock (_lock) _meetings[meetingId] = [.. _meetings.GetValueOrDefault(meetingId) ?? [], subscription];
        return subscription;
    }

    /// <summary>
    /// Hands the snapshot to every subscriber at once. Each delivery runs on the thread pool: a circuit that is idle
    /// would otherwise render on the publisher's thread, one circuit after another, and a slow or broken one would
    /// delay everyone after it. The task completes when every circuit has taken the snapshot.
    /// </summary>
    public Task PublishAsync(MeetingSnapshot snapshot)
    {
        Subscription[]? subscribers;
        lock (_lock) subscribers = _meetings.GetValueOrDefault(snapshot.MeetingId);
        if (subscribers is null) return Task.CompletedTask;
        var deliveries = subscribers.Select(s => Task.Run(() => DeliverAsync(s, snapshot))).ToArray();
        return Task.WhenAll(deliveries);
    }

    private async Task DeliverAsync(Subscription subscription, MeetingSnapshot snapshot)
    {
        try { await subscription.OnChanged(snapshot); }
        catch (Exception e) { logger.LogWarning(e, "A circuit could not take meeting snapshot {Revision}.", snapshot.Revision); }
    }

    private void Unsubscribe(Subscription subscription)
    {
        lock (_lock)
        {
            if (!_meetings.TryGetValue(subscription.MeetingId, out var subscribers)) return;
            var rest = subscribers.Where(s => s != subscription).ToArray();
            if (rest.Length == 0)
            {
                _meetings.Remove(subscription.MeetingId);
                _latest.Remove(subscription.MeetingId);
            }
            else _meetings[subscription.MeetingId] = rest;
        }
    }

    private sealed class Subscription(MeetingNotifier notifier, Guid meetingId, Func<MeetingSnapshot, Task> onChanged) : IDisposable
    {
        public Guid MeetingId { get; } = meetingId;
        public Func<MeetingSnapshot, Task> OnChanged { get; } = onChanged;
        public void Dispose() => notifier.Unsubscribe(this);
    }
}

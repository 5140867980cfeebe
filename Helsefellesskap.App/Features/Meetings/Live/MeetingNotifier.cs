using System.Collections.Concurrent;

namespace Helsefellesskap.App.Features.Meetings.Live;

/// <summary>
/// The one place in the server that knows which circuits follow which meeting. A command that changed a meeting
/// publishes the new snapshot once; each subscribed circuit receives the same immutable snapshot and dispatches it
/// into its own store. No circuit polls the database.
/// </summary>
public sealed class MeetingNotifier(ILogger<MeetingNotifier> logger)
{
    private readonly ConcurrentDictionary<Guid, Subscribers> _meetings = new();
    private long _revision;

    /// <summary>A revision taken before a snapshot is read: a later read always carries a higher one.</summary>
    public long NextRevision() => Interlocked.Increment(ref _revision);

    public IDisposable Subscribe(Guid meetingId, Func<MeetingSnapshot, Task> onChanged)
    {
        var subscribers = _meetings.GetOrAdd(meetingId, _ => new Subscribers());
        var subscription = new Subscription(this, meetingId, onChanged);
        subscribers.Add(subscription);
        return subscription;
    }

    /// <summary>
    /// Hands the snapshot to every subscriber at once. Each delivery runs on the thread pool: a circuit that is idle
    /// would otherwise render on the publisher's thread, one circuit after another, and a slow or broken one would
    /// delay everyone after it. The task completes when every circuit has taken the snapshot.
    /// </summary>
    public Task PublishAsync(MeetingSnapshot snapshot)
    {
        if (!_meetings.TryGetValue(snapshot.MeetingId, out var subscribers)) return Task.CompletedTask;
        var deliveries = subscribers.All().Select(s => Task.Run(() => DeliverAsync(s, snapshot))).ToArray();
        return Task.WhenAll(deliveries);
    }

    private async Task DeliverAsync(Subscription subscription, MeetingSnapshot snapshot)
    {
        try { await subscription.OnChanged(snapshot); }
        catch (Exception e) { logger.LogWarning(e, "A circuit could not take meeting snapshot {Revision}.", snapshot.Revision); }
    }

    private void Unsubscribe(Subscription subscription)
    {
        if (_meetings.TryGetValue(subscription.MeetingId, out var subscribers)) subscribers.Remove(subscription);
    }

    private sealed class Subscribers
    {
        private readonly Lock _lock = new();
        private Subscription[] _all = [];

        public Subscription[] All() => _all;

        public void Add(Subscription s) { lock (_lock) _all = [.. _all, s]; }
        public void Remove(Subscription s) { lock (_lock) _all = _all.Where(x => x != s).ToArray(); }
    }

    private sealed class Subscription(MeetingNotifier notifier, Guid meetingId, Func<MeetingSnapshot, Task> onChanged) : IDisposable
    {
        public Guid MeetingId { get; } = meetingId;
        public Func<MeetingSnapshot, Task> OnChanged { get; } = onChanged;
        public void Dispose() => notifier.Unsubscribe(this);
    }
}

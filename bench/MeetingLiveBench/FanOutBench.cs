using System.Diagnostics;
using Helsefellesskap.App.Features.Meetings.Live;
using Helsefellesskap.App.Shared.Store;
using Microsoft.Extensions.Logging.Abstractions;

namespace MeetingLiveBench;

/// <summary>
/// The server side of "100+ participants on one server", in process: one <see cref="MeetingNotifier"/> and N
/// subscribers, each dispatching the published snapshot into its own <c>Store&lt;MeetingRoomState&gt;</c> (the
/// app's reducer, no effects). Times PublishAsync until every store holds the new snapshot. No rendering, no
/// SignalR, no browser: that is what the browser part measures.
/// </summary>
public static class FanOutBench
{
    /// <summary>How a subscriber reaches its store.</summary>
    public enum Delivery
    {
        /// <summary>On the publishing thread, as the circuit's InvokeAsync runs work when the circuit is idle.</summary>
        Inline,
        /// <summary>Each subscriber hops to the thread pool first, as InvokeAsync queues work when the circuit is busy.</summary>
        ThreadPool,
    }

    public sealed record Result(int Subscribers, Delivery Delivery, Summary Ms);

    public static async Task<Result> RunAsync(MeetingSnapshot template, int subscribers, Delivery delivery, int warmUp, int rounds)
    {
        var notifier = new MeetingNotifier(NullLogger<MeetingNotifier>.Instance);
        var feature = new MeetingRoomFeature();
        var stores = new Store<MeetingRoomState>[subscribers];
        var remaining = 0;
        long doneAt = 0;
        var subscriptions = new List<IDisposable>();
        for (var i = 0; i < subscribers; i++)
        {
            var store = stores[i] = new Store<MeetingRoomState>(feature, []);
            store.Initialize();
            store.Dispatch(new JoinMeeting(template.MeetingId));
            store.StateChanged += (_, _) =>
            {
                if (Interlocked.Decrement(ref remaining) == 0) Volatile.Write(ref doneAt, Stopwatch.GetTimestamp());
            };
            subscriptions.Add(notifier.Subscribe(template.MeetingId, delivery switch
            {
                Delivery.Inline => snapshot =>
                {
                    store.Dispatch(new SnapshotArrived(snapshot));
                    return Task.CompletedTask;
                },
                _ => snapshot => Task.Run(() => store.Dispatch(new SnapshotArrived(snapshot))),
            }));
        }

        var revision = template.Revision;
        var samples = new List<double>(rounds);
        for (var r = 0; r < warmUp + rounds; r++)
        {
            var snapshot = template with { Revision = ++revision };
            Volatile.Write(ref remaining, subscribers);
            var start = Stopwatch.GetTimestamp();
            await notifier.PublishAsync(snapshot);
            if (Volatile.Read(ref remaining) != 0 || stores.Any(s => !ReferenceEquals(s.Value.Snapshot, snapshot)))
                throw new InvalidOperationException($"Round {r}: PublishAsync returned before every store held snapshot {snapshot.Revision}.");
            if (r >= warmUp) samples.Add(Stopwatch.GetElapsedTime(start, Volatile.Read(ref doneAt)).TotalMilliseconds);
        }
        foreach (var s in subscriptions) s.Dispose();
        return new Result(subscribers, delivery, Summary.Of(samples));
    }
}

using System.Collections.Concurrent;
using Helsefellesskap.App.Data;

namespace Helsefellesskap.App.Features.Cases;

/// <summary>
/// Which circuits show which case page. A command that changed a case (a position, an amended wording, a closed
/// treatment, in the case page or in a meeting) publishes the case's id once it is committed; each page that shows
/// the case reads it again, on this server and, through the <see cref="IServerLink"/>, on the other app servers
/// sharing the database. No page polls.
/// </summary>
public sealed class CaseNotifier(IServerLink link, ILogger<CaseNotifier> logger)
{
    public const string Signal = "case";

    /// <summary>How another server's change to a case reaches this server's pages; after a lost link, every shown case is read again.</summary>
    public static readonly ServerSignal FromOtherServers = new(Signal,
        (services, argument) => Guid.TryParse(argument, out var caseId) ? services.GetRequiredService<CaseNotifier>().TellPagesAsync(caseId) : Task.CompletedTask,
        services => services.GetRequiredService<CaseNotifier>().TellEveryPageAsync());

    private readonly ConcurrentDictionary<Guid, Subscription[]> _cases = new();
    private readonly Lock _lock = new();

    public IDisposable Subscribe(Guid caseId, Func<Task> onChanged)
    {
        var subscription = new Subscription(this, caseId, onChanged);
        lock (_lock) _cases[caseId] = [.. _cases.GetValueOrDefault(caseId, []), subscription];
        return subscription;
    }

    /// <summary>Tells every page showing the case, here and on the other servers.</summary>
    public Task PublishAsync(Guid caseId) => Task.WhenAll(TellPagesAsync(caseId), link.SendAsync(Signal, caseId.ToString("N")));

    private Task TellEveryPageAsync() => Task.WhenAll(_cases.Keys.Select(TellPagesAsync));

    /// <summary>Tells this server's pages showing the case, each on the thread pool so one slow circuit delays nobody.</summary>
    private Task TellPagesAsync(Guid caseId)
    {
        if (!_cases.TryGetValue(caseId, out var subscribers)) return Task.CompletedTask;
        return Task.WhenAll(subscribers.Select(s => Task.Run(async () =>
        {
            try { await s.OnChanged(); }
            catch (Exception e) { logger.LogWarning(e, "A circuit could not take the change to case {CaseId}.", caseId); }
        })));
    }

    private void Unsubscribe(Subscription subscription)
    {
        lock (_lock)
        {
            var left = _cases.GetValueOrDefault(subscription.CaseId, []).Where(s => s != subscription).ToArray();
            if (left.Length == 0) _cases.TryRemove(subscription.CaseId, out _);
            else _cases[subscription.CaseId] = left;
        }
    }

    private sealed class Subscription(CaseNotifier notifier, Guid caseId, Func<Task> onChanged) : IDisposable
    {
        public Guid CaseId { get; } = caseId;
        public Func<Task> OnChanged { get; } = onChanged;
        public void Dispose() => notifier.Unsubscribe(this);
    }
}

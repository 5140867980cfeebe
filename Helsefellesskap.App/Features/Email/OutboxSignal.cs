namespace Helsefellesskap.App.Features.Email;

/// <summary>Wakes the worker when a command has written mail, so it goes out now rather than at the next poll.</summary>
public sealed class OutboxSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);
    private long _notifications;

    /// <summary>How many times a command has woken the worker since the start: a command that wrote no mail does not.</summary>
    public long Notifications => Interlocked.Read(ref _notifications);

    public void Notify()
    {
        Interlocked.Increment(ref _notifications);
        try { _signal.Release(); }
        catch (SemaphoreFullException) { /* already woken */ }
    }

    public async Task WaitAsync(TimeSpan timeout, TimeProvider clock, CancellationToken cancellationToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var woken = _signal.WaitAsync(wait.Token);
        await Task.WhenAny(woken, Task.Delay(timeout, clock, wait.Token));
        wait.Cancel();
        try { await woken; } catch (OperationCanceledException) { }
    }
}

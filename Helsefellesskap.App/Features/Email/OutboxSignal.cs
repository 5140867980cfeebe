namespace Helsefellesskap.App.Features.Email;

/// <summary>Wakes the worker when a command has written mail, so it goes out now rather than at the next poll.</summary>
public sealed class OutboxSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Notify()
    {
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

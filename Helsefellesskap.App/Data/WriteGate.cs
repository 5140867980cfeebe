namespace Helsefellesskap.App.Data;

/// <summary>
/// One writer at a time in this process. SQLite serialises writers anyway, but its busy retries sleep
/// 150 ms; waiting here instead keeps a meeting's worst-case write in tens of milliseconds.
/// </summary>
public sealed class WriteGate
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<T> RunAsync<T>(Func<Task<T>> write, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try { return await write(); }
        finally { _gate.Release(); }
    }
}

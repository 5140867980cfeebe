namespace Helsefellesskap.App.Data;

/// <summary>
/// One writer at a time in this process, on SQLite. SQLite serialises writers anyway, but its busy retries sleep
/// 150 ms; waiting here instead keeps a meeting's worst-case write in tens of milliseconds. On PostgreSQL the gate
/// lets every write through: the server takes turns with row locks and the audit chain's advisory lock, across
/// every app server, which a gate in one process could not do anyway.
/// </summary>
public sealed class WriteGate(bool serialise = true)
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Whether writes in this process wait for each other (SQLite) or not (PostgreSQL).</summary>
    public bool Serialises => serialise;

    public async Task<T> RunAsync<T>(Func<Task<T>> write, CancellationToken cancellationToken = default)
    {
        if (!serialise) return await write();
        await _gate.WaitAsync(cancellationToken);
        try { return await write(); }
        finally { _gate.Release(); }
    }
}

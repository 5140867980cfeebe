using Microsoft.EntityFrameworkCore;

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

    /// <summary>
    /// As <see cref="RunAsync"/>, and when the save collides with another writer's (on PostgreSQL nothing keeps them
    /// apart: eight parties registering at once all change one case, and a registration clicked twice inserts the same
    /// row twice), runs it again, reading afresh, so that the domain's rules decide on what is there now; at most
    /// <paramref name="attempts"/> times, a few milliseconds apart, then the last failure is thrown. Only for a
    /// command that carries what its user saw and the rules check (a position carries the standing one it replaces),
    /// never for edited text: there the conflict is for the user to see.
    /// </summary>
    public async Task<T> RunAgainOnConflictAsync<T>(Func<Task<T>> write, int attempts = 8)
    {
        for (var attempt = 1; ; attempt++)
        {
            // A changed row (the aggregate's version) or a unique key taken since the read: both are another writer's.
            try { return await RunAsync(write); }
            catch (DbUpdateException) when (attempt < attempts)
            {
                await Task.Delay(Random.Shared.Next(1, 5 * attempt));
            }
        }
    }
}

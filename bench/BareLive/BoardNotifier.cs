using System.Collections.Immutable;

namespace BareLive;

/// <summary>A party's row on the board: its name and the position registered for it, if any.</summary>
public sealed record BoardRow(string Party, string? Position);

/// <summary>The whole board, immutable: every circuit is handed the same instance.</summary>
public sealed record Board(long Revision, ImmutableArray<BoardRow> Rows);

/// <summary>
/// The same fan-out shape as the app's MeetingNotifier: a register makes one new immutable board and hands it to
/// every subscribed circuit, each delivery on the thread pool.
/// </summary>
public sealed class BoardNotifier
{
    public static readonly string[] Parties =
    [
        "Sykehuset Innlandet HF", "Gjøvik kommune", "Hamar kommune", "Lillehammer kommune", "Elverum kommune",
        "Kongsvinger kommune", "Nord-Fron kommune", "Brukerrepresentant",
    ];

    private readonly Lock _lock = new();
    private ImmutableArray<Func<Board, Task>> _subscribers = [];

    public Board Current { get; private set; } = new(0, [.. Parties.Select(p => new BoardRow(p, null))]);

    public IDisposable Subscribe(Func<Board, Task> onChanged)
    {
        lock (_lock) _subscribers = _subscribers.Add(onChanged);
        return new Subscription(() => { lock (_lock) _subscribers = _subscribers.Remove(onChanged); });
    }

    /// <summary>Registers the position and hands the new board out; as in the app, the click does not wait for the screens.</summary>
    public void Register(string party, string position)
    {
        Board board;
        ImmutableArray<Func<Board, Task>> subscribers;
        lock (_lock)
        {
            Current = board = Current with
            {
                Revision = Current.Revision + 1,
                Rows = [.. Current.Rows.Select(r => r.Party == party ? r with { Position = position } : r)],
            };
            subscribers = _subscribers;
        }
        foreach (var s in subscribers) _ = Task.Run(() => s(board));
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }
}

namespace Helsefellesskap.Domain;

public abstract class Entity
{
    public Guid Id { get; protected init; } = Guid.CreateVersion7();
}

/// <summary>
/// An aggregate that meetings write to concurrently. The app bumps <see cref="Version"/> whenever the aggregate
/// or anything inside it changes, and uses it as the concurrency token (SQLite has no row version of its own).
/// </summary>
public abstract class Aggregate : Entity
{
    public int Version { get; private set; }
}

namespace Helsefellesskap.App.Features.Email;

/// <summary>
/// A reminder that went out in a person's digest, saved with the digest's outbox message: the same reminder is never
/// sent twice, also across restarts.
/// </summary>
public sealed class SentReminder
{
    private SentReminder() { Key = ""; }

    public SentReminder(string key, Guid personId, DateOnly day)
    {
        Key = key;
        PersonId = personId;
        Day = day;
    }

    public string Key { get; private set; }
    public Guid PersonId { get; private set; }
    public DateOnly Day { get; private set; }
}

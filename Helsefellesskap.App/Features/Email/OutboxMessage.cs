using Helsefellesskap.Domain;

namespace Helsefellesskap.App.Features.Email;

public enum MailKind { Notice, NoticeUpdate, Cancellation, Reminders, MinutesApproved }

/// <summary>
/// One e-mail to one person, written in the same save as the event that causes it and sent later by the
/// <see cref="OutboxWorker"/>. <see cref="Key"/> names the event and the recipient and is unique, so an event
/// can never mail the same person twice.
/// </summary>
public sealed class OutboxMessage
{
    /// <summary>After this many failed attempts the worker stops, and the message waits on /admin/utsendelser.</summary>
    public const int MaxAttempts = 6;

    /// <summary>
    /// The worker's bookkeeping of its attempts. A change of only these is not audited: an SMTP outage would
    /// otherwise fill the audit trail with retries. Creating a message and "Send på nytt" are audited.
    /// </summary>
    public static readonly IReadOnlySet<string> DeliveryBookkeeping =
        new HashSet<string> { nameof(Attempts), nameof(NextAttemptAt), nameof(LastError), nameof(SentAt) };

    private OutboxMessage() { Key = ToName = ToAddress = Subject = Body = ""; }

    public OutboxMessage(string key, MailKind kind, Guid? personId, string toName, string toAddress, string subject, string body,
        DateTimeOffset createdAt, string? calendar = null, string? calendarMethod = null)
    {
        Id = Guid.NewGuid();
        Key = key;
        Kind = kind;
        PersonId = personId;
        ToName = toName;
        ToAddress = toAddress;
        Subject = subject;
        Body = body;
        Calendar = calendar;
        CalendarMethod = calendarMethod;
        CreatedAt = createdAt;
        NextAttemptAt = createdAt;
    }

    public Guid Id { get; private set; }
    public string Key { get; private set; }
    public MailKind Kind { get; private set; }
    public Guid? PersonId { get; private set; }
    public string ToName { get; private set; }
    public string ToAddress { get; private set; }
    public string Subject { get; private set; }
    public string Body { get; private set; }

    /// <summary>An iCalendar invitation attached to the mail, and its METHOD (REQUEST or CANCEL).</summary>
    public string? Calendar { get; private set; }
    public string? CalendarMethod { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset NextAttemptAt { get; private set; }
    public int Attempts { get; private set; }
    public string? LastError { get; private set; }
    public DateTimeOffset? SentAt { get; private set; }

    /// <summary>When the secretariat last chose "Send på nytt", and who.</summary>
    public DateTimeOffset? ResentAt { get; private set; }
    public string? ResentBy { get; private set; }

    public bool HasFailed => SentAt is null && Attempts >= MaxAttempts;

    public void RecordSent(DateTimeOffset at) => SentAt ??= at;

    /// <summary>Waits longer after each failure: 30 s, 1, 2, 4, 8 minutes, at most an hour.</summary>
    public void RecordFailure(string error, DateTimeOffset at)
    {
        Attempts++;
        LastError = error.Length > 1000 ? error[..1000] : error;
        NextAttemptAt = at + Backoff(Attempts);
    }

    public static TimeSpan Backoff(int attempts) =>
        TimeSpan.FromSeconds(Math.Min(30 * Math.Pow(2, Math.Max(0, attempts - 1)), 3600));

    /// <summary>The secretariat sends a failed message again: the worker starts over with it at once.</summary>
    public void SendAgain(DateTimeOffset at, string by)
    {
        DomainException.ThrowIf(SentAt is not null, "Meldingen er allerede sendt.");
        Attempts = 0;
        NextAttemptAt = at;
        ResentAt = at;
        ResentBy = by;
    }
}

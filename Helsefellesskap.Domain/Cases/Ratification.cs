namespace Helsefellesskap.Domain.Cases;

public enum RatificationStatus
{
    NotSent,
    Sent,
    UnderTreatment,
    Ratified,
    RatifiedWithChanges,
    Rejected,
    NotTreated,
}

/// <summary>
/// What the secretariat (or a party's own user) writes down about one party's local treatment of a decision:
/// the status, where and when it was treated, a link to the local case, a deadline and a comment.
/// </summary>
public sealed record RatificationEntry(
    RatificationStatus Status,
    string? LocalBody = null,
    string? LocalReference = null,
    DateOnly? MeetingDate = null,
    string? Link = null,
    DateOnly? Deadline = null,
    string? Comment = null);

/// <summary>One party's local ratification (forankring) of a decision adopted pending ratification.</summary>
public sealed class Ratification : Entity
{
    public const int MaxTextLength = 200;
    public const int MaxLinkLength = 500;
    public const int MaxCommentLength = 2000;

    private Ratification() { }

    internal Ratification(Guid treatmentId, Guid partyId)
    {
        TreatmentId = treatmentId;
        PartyId = partyId;
        Status = RatificationStatus.NotSent;
    }

    public Guid TreatmentId { get; private set; }
    public Guid PartyId { get; private set; }
    public RatificationStatus Status { get; private set; }

    /// <summary>The local body that treats it: "Kommunestyret", "Styret i Sykehuset Innlandet HF".</summary>
    public string? LocalBody { get; private set; }

    /// <summary>The local case number: "PS 12/26".</summary>
    public string? LocalReference { get; private set; }

    /// <summary>The date of the local meeting that treated it.</summary>
    public DateOnly? TreatedOn { get; private set; }

    /// <summary>A link to the local case or minutes; http or https only.</summary>
    public string? Link { get; private set; }

    /// <summary>When the party should have treated it; past it and not settled, the party is late.</summary>
    public DateOnly? Deadline { get; private set; }
    public string? Comment { get; private set; }
    public DateTimeOffset? RecordedAt { get; private set; }
    public Guid? RecordedById { get; private set; }

    public bool IsRatified => Status is RatificationStatus.Ratified or RatificationStatus.RatifiedWithChanges;

    /// <summary>Ratified or rejected: the party has given its answer.</summary>
    public bool IsSettled => IsRatified || Status == RatificationStatus.Rejected;

    /// <summary>The deadline has passed and the party has given no answer.</summary>
    public bool IsLateOn(DateOnly day) => Deadline is { } deadline && deadline < day && !IsSettled;

    internal void Record(RatificationEntry entry, string partyName, DateOnly decidedOn, Guid byPersonId, DateTimeOffset at)
    {
        var answered = entry.Status is RatificationStatus.Ratified or RatificationStatus.RatifiedWithChanges or RatificationStatus.Rejected;
        DomainException.ThrowIf(!Enum.IsDefined(entry.Status), "Velg en gyldig status for forankringen.");
        DomainException.ThrowIf(answered && entry.MeetingDate is null,
            $"Oppgi møtedatoen da {partyName} behandlet saken; den trengs når saken er forankret eller avvist.");
        DomainException.ThrowIf(answered && string.IsNullOrWhiteSpace(entry.LocalBody),
            $"Oppgi hvilket organ i {partyName} som behandlet saken, for eksempel «Kommunestyret».");
        DomainException.ThrowIf(entry.Status == RatificationStatus.RatifiedWithChanges && string.IsNullOrWhiteSpace(entry.Comment),
            "Beskriv endringene i kommentaren når saken er forankret med endringer.");
        Plausible.Day(entry.MeetingDate, "Møtedatoen");
        Plausible.Day(entry.Deadline, "Fristen");
        Plausible.SingleLine(Trimmed(entry.LocalBody), "Navnet på det lokale organet");
        Plausible.SingleLine(Trimmed(entry.LocalReference), "Saksnummeret");
        DomainException.ThrowIf(entry.MeetingDate is { } met && met < decidedOn,
            $"Møtedatoen kan ikke være før vedtaket ble fattet ({decidedOn:dd.MM.yyyy}).");
        DomainException.ThrowIf(entry.Deadline is { } due && due < decidedOn,
            $"Fristen kan ikke være før vedtaket ble fattet ({decidedOn:dd.MM.yyyy}).");
        DomainException.ThrowIf(Trimmed(entry.LocalBody)?.Length > MaxTextLength,
            $"Navnet på det lokale organet kan ikke være lengre enn {MaxTextLength} tegn.");
        DomainException.ThrowIf(Trimmed(entry.LocalReference)?.Length > MaxTextLength,
            $"Saksnummeret kan ikke være lengre enn {MaxTextLength} tegn.");
        DomainException.ThrowIf(Trimmed(entry.Comment)?.Length > MaxCommentLength,
            $"Kommentaren kan ikke være lengre enn {MaxCommentLength} tegn.");
        var link = Trimmed(entry.Link);
        DomainException.ThrowIf(link is not null && !IsWebAddress(link),
            "Lenken må være en fullstendig nettadresse som begynner med http:// eller https://.");
        DomainException.ThrowIf(link?.Length > MaxLinkLength, $"Lenken kan ikke være lengre enn {MaxLinkLength} tegn.");

        Status = entry.Status;
        LocalBody = Trimmed(entry.LocalBody);
        LocalReference = Trimmed(entry.LocalReference);
        TreatedOn = entry.MeetingDate;
        Link = link;
        Deadline = entry.Deadline;
        Comment = Trimmed(entry.Comment);
        RecordedAt = at;
        RecordedById = byPersonId;
    }

    /// <summary>Only web addresses: a "javascript:" or "file:" link must never reach a page.</summary>
    public static bool IsWebAddress(string link) =>
        Uri.TryCreate(link, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && !string.IsNullOrEmpty(uri.Host);

    private static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

using System.Security.Cryptography;
using System.Text;

namespace Helsefellesskap.Domain.Meetings;

/// <summary>
/// The minutes as they were approved: the whole document, stored once with its SHA-256, so that every later view,
/// internal, public or printed, shows exactly what was approved, whatever happens to the cases afterwards.
/// </summary>
public sealed class ApprovedMinutes : Entity
{
    private ApprovedMinutes() { Document = ""; Sha256 = ""; }

    internal ApprovedMinutes(Guid meetingId, string document, DateTimeOffset approvedAt, Guid? approvedByPersonId, bool frozenAtUpgrade)
    {
        DomainException.ThrowIf(string.IsNullOrWhiteSpace(document), "Protokollen kan ikke godkjennes uten innhold.");
        MeetingId = meetingId;
        Document = document;
        Sha256 = Hash(document);
        ApprovedAt = approvedAt;
        ApprovedByPersonId = approvedByPersonId;
        FrozenAtUpgrade = frozenAtUpgrade;
    }

    public Guid MeetingId { get; private set; }

    /// <summary>The minutes as the app rendered them at approval (canonical JSON).</summary>
    public string Document { get; private set; }

    /// <summary>SHA-256 of <see cref="Document"/> (UTF-8), in lower-case hex: a printed copy can be checked against it.</summary>
    public string Sha256 { get; private set; }

    public DateTimeOffset ApprovedAt { get; private set; }
    public Guid? ApprovedByPersonId { get; private set; }

    /// <summary>
    /// Minutes approved before the app stored the approved document were frozen when the database was upgraded,
    /// as they rendered then; they say so, so that nobody takes them for the document approved.
    /// </summary>
    public bool FrozenAtUpgrade { get; private set; }

    /// <summary>Whether the stored document is still the one that was hashed.</summary>
    public bool IsIntact => Hash(Document) == Sha256;

    public static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}

/// <summary>
/// A correction (rettelse) of approved minutes: the approved document stays unchanged and readable, and the
/// correction is shown after it as a dated, attributed addendum with its reason and its own SHA-256.
/// </summary>
public sealed class MinutesCorrection : Entity
{
    public const int MaxTextLength = 4000;
    public const int MaxReasonLength = 2000;

    private MinutesCorrection() { Text = ""; Reason = ""; Sha256 = ""; }

    internal MinutesCorrection(Guid meetingId, int number, string text, string reason, Guid byPersonId, DateTimeOffset at)
    {
        var trimmedText = (text ?? "").Trim();
        var trimmedReason = (reason ?? "").Trim();
        DomainException.ThrowIf(trimmedText.Length == 0, "Skriv hva som rettes i protokollen.");
        DomainException.ThrowIf(trimmedReason.Length == 0, "En rettelse må begrunnes: skriv hvorfor protokollen rettes.");
        DomainException.ThrowIf(trimmedText.Length > MaxTextLength, $"Rettelsen kan ikke være lengre enn {MaxTextLength} tegn.");
        DomainException.ThrowIf(trimmedReason.Length > MaxReasonLength, $"Begrunnelsen kan ikke være lengre enn {MaxReasonLength} tegn.");
        MeetingId = meetingId;
        Number = number;
        Text = trimmedText;
        Reason = trimmedReason;
        ByPersonId = byPersonId;
        At = at;
        Sha256 = ApprovedMinutes.Hash(Canonical);
    }

    public Guid MeetingId { get; private set; }

    /// <summary>Rettelse 1, 2, ... in the order they were approved.</summary>
    public int Number { get; private set; }

    public string Text { get; private set; }
    public string Reason { get; private set; }
    public Guid ByPersonId { get; private set; }
    public DateTimeOffset At { get; private set; }

    /// <summary>SHA-256 over the correction's meeting, number, time, author, text and reason.</summary>
    public string Sha256 { get; private set; }

    private string Canonical => string.Join('\n', MeetingId, Number, At.UtcDateTime.ToString("O"), ByPersonId, Text, Reason);
}

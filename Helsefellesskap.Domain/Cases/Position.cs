namespace Helsefellesskap.Domain.Cases;

/// <summary>The four positions (standpunkt) a party can state on a wording.</summary>
public enum PositionKind
{
    Agree,
    AgreeWithRemark,
    /// <summary>Agrees subject to local ratification (forbehold om lokal forankring).</summary>
    AgreeSubjectToRatification,
    Disagree,
}

/// <summary>
/// One party's position on one version of a treatment's wording. A later position from the same party on
/// the same wording replaces this one; the replaced one stays as history.
/// </summary>
public sealed class Position : Entity
{
    private Position() { }

    internal Position(Guid treatmentId, Guid partyId, int wordingVersion, PositionKind kind, string? text,
        Guid registeredByPersonId, bool registeredOnBehalf, DateTimeOffset at, string? provedOrganisation = null)
    {
        var trimmed = string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        if (MissingText(kind, trimmed) is { } missing) throw new DomainException(missing);
        Plausible.LongText(trimmed, "Merknaden til standpunktet");
        TreatmentId = treatmentId;
        PartyId = partyId;
        WordingVersion = wordingVersion;
        Kind = kind;
        Text = trimmed;
        RegisteredByPersonId = registeredByPersonId;
        RegisteredOnBehalf = registeredOnBehalf;
        RegisteredAt = at;
        ProvedOrganisation = provedOrganisation;
    }

    /// <summary>
    /// What is missing from a position's text, or null: a remark for «enig med merknad», a reason for «uenig».
    /// The form asks the same question before it sends, so the message stands next to the field.
    /// </summary>
    public static string? MissingText(PositionKind kind, string? text) => string.IsNullOrWhiteSpace(text)
        ? kind switch
        {
            PositionKind.AgreeWithRemark => "Et standpunkt «enig med merknad» må ha en merknad.",
            PositionKind.Disagree => "Et standpunkt «uenig» må begrunnes.",
            _ => null,
        }
        : null;

    public Guid TreatmentId { get; private set; }
    public Guid PartyId { get; private set; }
    public int WordingVersion { get; private set; }
    public PositionKind Kind { get; private set; }

    /// <summary>The remark, the reservation's note, or the reason for disagreeing.</summary>
    public string? Text { get; private set; }

    public Guid RegisteredByPersonId { get; private set; }

    /// <summary>True when the secretariat registered it on the party's behalf.</summary>
    public bool RegisteredOnBehalf { get; private set; }

    public DateTimeOffset RegisteredAt { get; private set; }

    /// <summary>
    /// The organisation (org number or Entra tenant id) the registrant's sign-in proved, when they signed in through a
    /// provider that names one; null for a password sign-in.
    /// </summary>
    public string? ProvedOrganisation { get; private set; }
    public DateTimeOffset? ReplacedAt { get; private set; }

    public bool IsReplaced => ReplacedAt is not null;
    public bool IsAgreement => Kind != PositionKind.Disagree;

    internal bool SameAs(PositionKind kind, string? text) =>
        Kind == kind && Text == (string.IsNullOrWhiteSpace(text) ? null : text.Trim());

    internal void ReplaceAt(DateTimeOffset at) => ReplacedAt = at;
}

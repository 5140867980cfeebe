namespace Helsefellesskap.Domain.Partnerships;

public enum SeatRole
{
    Chair,
    DeputyChair,
    Member,
    Substitute,
    /// <summary>A GP, user or union representative: speaks and may leave a remark, holds no position.</summary>
    Participant,
    Observer,
    Secretariat,
}

public enum ParticipantKind { GeneralPractitioner, UserRepresentative, UnionRepresentative }

/// <summary>A person's seat in a body, for a term, in a role.</summary>
public sealed class Seat : Entity
{
    private Seat() { }

    internal Seat(Guid bodyId, Guid personId, SeatRole role, Term term, Guid? partyId,
        ParticipantKind? participantKind, string? organisation, bool withoutPosition = false)
    {
        DomainException.ThrowIf(withoutPosition && role is not (SeatRole.Chair or SeatRole.DeputyChair),
            "Bare lederen eller nestlederen kan ha et verv uten å gi standpunkt for en part; et medlem taler alltid for sin part.");
        DomainException.ThrowIf(RepresentsAParty(role) && partyId is null,
            $"Vervet som {role.Label()} må representere en part.");
        DomainException.ThrowIf(role == SeatRole.Participant && participantKind is null,
            "En deltaker må være fastlege, brukerrepresentant eller tillitsvalgt.");
        DomainException.ThrowIf(role != SeatRole.Participant && participantKind is not null,
            "Bare deltakere kan være fastlege, brukerrepresentant eller tillitsvalgt.");
        BodyId = bodyId;
        PersonId = personId;
        Role = role;
        PartyId = partyId;
        ParticipantKind = participantKind;
        Organisation = string.IsNullOrWhiteSpace(organisation) ? null : organisation.Trim();
        WithoutPosition = withoutPosition;
        From = term.From;
        To = term.To;
    }

    public Guid BodyId { get; private set; }
    public Guid PersonId { get; private set; }
    public SeatRole Role { get; private set; }

    /// <summary>
    /// The party the seat represents: required for chair, deputy, member and substitute; for a participant or
    /// the secretariat it tells which side they come from.
    /// </summary>
    public Guid? PartyId { get; private set; }

    public ParticipantKind? ParticipantKind { get; private set; }

    /// <summary>
    /// True for a chair (or deputy) who leads the meeting without speaking for a party: in SSU's municipal years the
    /// kommunedirektør appointed by KS Innlandet's KDU chairs for the municipal side, while each health region gives
    /// its own position. The seat's party then only tells which side the chair comes from.
    /// </summary>
    public bool WithoutPosition { get; private set; }

    /// <summary>An observer's organisation, e.g. "Statsforvalteren i Innlandet".</summary>
    public string? Organisation { get; private set; }

    public DateOnly From { get; private set; }
    public DateOnly? To { get; private set; }
    public Term Term => new(From, To);

    public bool IsActiveOn(DateOnly day) => Term.Includes(day);

    /// <summary>Chair, deputy, members and substitutes state their party's position (a chair without a position excepted); nobody else does.</summary>
    public bool MayHoldPosition => RepresentsAParty(Role) && !WithoutPosition;

    /// <summary>Only chair, deputy and member seats that speak for their party make it one that must agree.</summary>
    public bool MakesPartyRequired => (Role is SeatRole.Chair or SeatRole.DeputyChair or SeatRole.Member) && !WithoutPosition;

    /// <summary>Participants may leave a remark for the minutes without holding a position.</summary>
    public bool MayLeaveRemark => MayHoldPosition || Role == SeatRole.Participant;

    /// <summary>Ends the term early; through <see cref="Body.EndSeat"/>, so the body's version records the change.</summary>
    internal void EndTerm(DateOnly lastDay)
    {
        DomainException.ThrowIf(lastDay < From, "Et verv kan ikke avsluttes før det begynner.");
        DomainException.ThrowIf(To is { } end && lastDay > end,
            $"Vervet varer bare til {To:dd.MM.yyyy}. Å avslutte et verv kan ikke forlenge det.");
        To = lastDay;
    }

    private static bool RepresentsAParty(SeatRole role) =>
        role is SeatRole.Chair or SeatRole.DeputyChair or SeatRole.Member or SeatRole.Substitute;
}

using Helsefellesskap.Domain.Cases;
using Helsefellesskap.Domain.Partnerships;

namespace Helsefellesskap.Domain.Access;

/// <summary>A seat as an actor holds it: enough to decide what the actor may do in a body on a day.</summary>
public sealed record ActorSeat(Guid BodyId, string BodyName, SeatRole Role, Guid? PartyId, Term Term, bool WithoutPosition = false);

/// <summary>
/// The person behind a command, with the seats they hold. The app reads it from the database for every
/// command, so a seat that has ended or a user who was deactivated cannot act from a tab left open.
/// </summary>
public sealed class Actor
{
    private readonly IReadOnlyList<ActorSeat> _seats;

    public Actor(Guid? personId, string name, bool isAdministrator, IEnumerable<ActorSeat> seats,
        IEnumerable<Guid>? recordsRatificationFor = null)
    {
        PersonId = personId;
        Name = name;
        IsAdministrator = isAdministrator;
        _seats = seats.ToList();
        RecordsRatificationFor = (recordsRatificationFor ?? []).ToHashSet();
    }

    /// <summary>The parties whose local ratification an administrator has let this person record.</summary>
    public IReadOnlySet<Guid> RecordsRatificationFor { get; }

    /// <summary>The sign-in the actor acts through; the app sets it, so an administrator can be told apart from the user they manage.</summary>
    public string? UserId { get; init; }

    public Guid? PersonId { get; }
    public string Name { get; }
    public bool IsAdministrator { get; }
    public IReadOnlyList<ActorSeat> Seats => _seats;

    public IEnumerable<ActorSeat> SeatsOn(DateOnly day) => _seats.Where(s => s.Term.Includes(day));

    /// <summary>The secretariat serves the partnership as a whole: a secretariat seat in any body counts.</summary>
    public bool IsSecretariat(DateOnly day) => SeatsOn(day).Any(s => s.Role == SeatRole.Secretariat);

    public bool ChairsOrDeputises(Guid bodyId, DateOnly day) =>
        SeatsOn(day).Any(s => s.BodyId == bodyId && s.Role is SeatRole.Chair or SeatRole.DeputyChair);

    public bool HoldsPositionFor(Guid bodyId, Guid partyId, DateOnly day) =>
        SeatsOn(day).Any(s => s.BodyId == bodyId && s.PartyId == partyId && !s.WithoutPosition &&
            s.Role is SeatRole.Chair or SeatRole.DeputyChair or SeatRole.Member or SeatRole.Substitute);

    /// <summary>The person the record names as having acted; an administrator without a person acts as no one.</summary>
    public Guid ActingPersonId => PersonId ?? throw new DomainException(
        $"{Name} er ikke knyttet til en person i helsefellesskapet og kan ikke handle i saker.");

    public const string NoSeatMessage = "Du har ikke lenger et verv i helsefellesskapet – kontakt sekretariatet.";

    /// <summary>
    /// Who has something to do here on a day: a person with a seat that day (the secretariat's and an observer's are
    /// seats too), an administrator, or a person an administrator let record a party's ratification. Nobody else
    /// signs in or keeps a sign-in: a seat that ended takes the person's sessions with it.
    /// </summary>
    public bool HasBusinessHere(DateOnly day) => IsAdministrator || SeatsOn(day).Any() || RecordsRatificationFor.Count > 0;

    /// <summary>The administrator and the secretariat manage users and seats; nobody else does.</summary>
    public bool MayAdminister(DateOnly day) => IsAdministrator || IsSecretariat(day);

    public void MustAdminister(DateOnly day) =>
        DomainException.ThrowIf(!MayAdminister(day), "Bare administrator eller sekretariatet kan administrere brukere og verv.");

    /// <summary>
    /// Deactivating an administrator or setting their password is for an administrator: otherwise the secretariat
    /// could sign in as the one who manages the secretariat's own users.
    /// </summary>
    public void MustManageAccount(DateOnly day, bool ofAdministrator)
    {
        MustAdminister(day);
        DomainException.ThrowIf(ofAdministrator && !IsAdministrator,
            "Bare en administrator kan deaktivere en administrator eller gi den nytt passord.");
    }

    /// <summary>Nobody deactivates their own user, so user administration can never lock out the last one who manages it.</summary>
    public void MustDeactivate(DateOnly day, string userId, bool ofAdministrator)
    {
        MustManageAccount(day, ofAdministrator);
        DomainException.ThrowIf(userId == UserId,
            "Du kan ikke deaktivere din egen bruker. Be en annen administrator eller sekretariatet om det.");
    }

    public void MustBeSecretariat(DateOnly day, string action) =>
        DomainException.ThrowIf(!IsSecretariat(day), $"Bare sekretariatet kan {action}.");

    public void MustChair(Guid bodyId, string bodyName, DateOnly day, string action) =>
        DomainException.ThrowIf(!ChairsOrDeputises(bodyId, day), $"Bare lederen eller nestlederen i {bodyName} kan {action}.");

    /// <summary>
    /// A representative states the position of the party their seat represents; the secretariat may register
    /// it on the party's behalf, and the record then says so.
    /// </summary>
    public bool RegistersOnBehalf(Guid bodyId, Party party, string bodyName, DateOnly day)
    {
        if (HoldsPositionFor(bodyId, party.Id, day)) return false;
        DomainException.ThrowIf(!IsSecretariat(day),
            $"Du representerer ikke {party.Name} i {bodyName} og kan ikke gi standpunkt for den parten.");
        return true;
    }

    /// <summary>The secretariat records every party's local ratification; a person with a grant records their party's.</summary>
    public bool MayRecordRatification(Guid partyId, DateOnly day) =>
        IsSecretariat(day) || (PersonId is not null && RecordsRatificationFor.Contains(partyId));

    public void MustRecordRatification(Party party, DateOnly day) =>
        DomainException.ThrowIf(!MayRecordRatification(party.Id, day),
            $"Bare sekretariatet, eller en bruker administrator har gitt tillatelse for {party.Name}, kan registrere forankring for {party.Name}.");

    /// <summary>Letting someone write on the partnership's record for a party is the administrator's call.</summary>
    public void MustGrantRatificationRecording() =>
        DomainException.ThrowIf(!IsAdministrator, "Bare en administrator kan gi en bruker tillatelse til å registrere forankring.");

    /// <summary>
    /// A draft is the secretariat's until registered. A case exempt under a duty of confidentiality (offl. § 13) is read
    /// by the secretariat and by those with a seat other than observer in a body treating or meant to treat it;
    /// every other case is read by every signed-in user.
    /// </summary>
    public bool MayReadCase(Case @case, DateOnly day) => ReadRefusal(@case, day) is null;

    public void MustReadCase(Case @case, DateOnly day)
    {
        if (ReadRefusal(@case, day) is { } reason) throw new DomainException(reason);
    }

    private string? ReadRefusal(Case @case, DateOnly day)
    {
        if (IsSecretariat(day)) return null;
        if (@case.Number is null) return "Du har ikke tilgang til denne saken. Et utkast leses bare av sekretariatet før saken er registrert.";
        if (!@case.IsConfidential) return null;
        var bodies = @case.TreatingBodyIds.ToHashSet();
        return SeatsOn(day).Any(s => s.Role != SeatRole.Observer && bodies.Contains(s.BodyId))
            ? null
            : $"Du har ikke tilgang til denne saken. Den er unntatt offentlighet etter {@case.ExemptionBasis} (taushetsplikt) og leses bare av sekretariatet og dem som har verv i et utvalg som behandler saken.";
    }
}

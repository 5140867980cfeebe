using Helsefellesskap.Domain.Partnerships;

namespace Helsefellesskap.Domain.Access;

/// <summary>A seat as an actor holds it: enough to decide what the actor may do in a body on a day.</summary>
public sealed record ActorSeat(Guid BodyId, string BodyName, SeatRole Role, Guid? PartyId, Term Term);

/// <summary>
/// The person behind a command, with the seats they hold. The app reads it from the database for every
/// command, so a seat that has ended or a user who was deactivated cannot act from a tab left open.
/// </summary>
public sealed class Actor
{
    private readonly IReadOnlyList<ActorSeat> _seats;

    public Actor(Guid? personId, string name, bool isAdministrator, IEnumerable<ActorSeat> seats)
    {
        PersonId = personId;
        Name = name;
        IsAdministrator = isAdministrator;
        _seats = seats.ToList();
    }

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
        SeatsOn(day).Any(s => s.BodyId == bodyId && s.PartyId == partyId &&
            s.Role is SeatRole.Chair or SeatRole.DeputyChair or SeatRole.Member or SeatRole.Substitute);

    /// <summary>The person the record names as having acted; an administrator without a person acts as no one.</summary>
    public Guid ActingPersonId => PersonId ?? throw new DomainException(
        $"{Name} er ikke knyttet til en person i helsefellesskapet og kan ikke handle i saker.");

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
}

using Helsefellesskap.Domain.Partnerships;

namespace Helsefellesskap.Domain.Access;

/// <summary>
/// An administrator's leave for a person to record the local ratification of one party: a municipality's own
/// user records its council's treatment, the hospital's user its board's. Without it only the secretariat records.
/// </summary>
public sealed class RatificationGrant : Entity
{
    private RatificationGrant() { }

    public RatificationGrant(Guid personId, Party party, Guid? grantedByPersonId, DateTimeOffset at)
    {
        DomainException.ThrowIf(party.Kind is not (PartyKind.Municipality or PartyKind.HospitalTrust),
            $"Lokal forankring registreres for hver kommune og for helseforetaket, ikke for {party.Name}.");
        PersonId = personId;
        PartyId = party.Id;
        GrantedById = grantedByPersonId;
        GrantedAt = at;
    }

    public Guid PersonId { get; private set; }
    public Guid PartyId { get; private set; }
    public Guid? GrantedById { get; private set; }
    public DateTimeOffset GrantedAt { get; private set; }
}

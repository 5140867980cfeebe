namespace Helsefellesskap.Domain.Partnerships;

public enum PartyKind
{
    HospitalTrust,
    HealthRegion,
    Municipality,
    /// <summary>The municipalities acting jointly, as in the working committee.</summary>
    MunicipalitiesJointly,
}

public enum Side { Municipal, Hospital }

/// <summary>
/// A party (part) to the partnership: the hospital trust, a municipality, a health region that speaks for
/// its municipalities, or the municipalities acting jointly.
/// </summary>
public sealed class Party : Entity
{
    private Party() { Name = ""; }

    private Party(Guid partnershipId, string name, PartyKind kind, Guid? regionId)
    {
        DomainException.ThrowIf(string.IsNullOrWhiteSpace(name), "En part må ha et navn.");
        PartnershipId = partnershipId;
        Name = name.Trim();
        Kind = kind;
        RegionId = regionId;
    }

    public Guid PartnershipId { get; private set; }
    public string Name { get; private set; }
    public PartyKind Kind { get; private set; }

    /// <summary>The health region a municipality belongs to; null for every other kind.</summary>
    public Guid? RegionId { get; private set; }

    public Side Side => Kind == PartyKind.HospitalTrust ? Side.Hospital : Side.Municipal;

    public static Party HospitalTrust(Guid partnershipId, string name) =>
        new(partnershipId, name, PartyKind.HospitalTrust, null);

    public static Party HealthRegion(Guid partnershipId, string name) =>
        new(partnershipId, name, PartyKind.HealthRegion, null);

    public static Party MunicipalitiesJointly(Guid partnershipId, string name) =>
        new(partnershipId, name, PartyKind.MunicipalitiesJointly, null);

    public static Party Municipality(Guid partnershipId, string name, Party region)
    {
        DomainException.ThrowIf(region.Kind != PartyKind.HealthRegion,
            $"En kommune må høre til en helseregion, og {region.Name} er ikke en helseregion.");
        DomainException.ThrowIf(region.PartnershipId != partnershipId,
            "Kommunen og helseregionen må høre til samme helsefellesskap.");
        return new(partnershipId, name, PartyKind.Municipality, region.Id);
    }

    /// <summary>The secretariat corrects which region a municipality belongs to.</summary>
    public void MoveToRegion(Party region)
    {
        DomainException.ThrowIf(Kind != PartyKind.Municipality, "Bare en kommune kan flyttes til en helseregion.");
        DomainException.ThrowIf(region.Kind != PartyKind.HealthRegion, $"{region.Name} er ikke en helseregion.");
        RegionId = region.Id;
    }
}

/// <summary>A division of the hospital trust, with its collaboration adviser (samhandlingsrådgiver).</summary>
public sealed class HospitalDivision : Entity
{
    private HospitalDivision() { Name = ""; }

    public HospitalDivision(Party hospitalTrust, string name, string? collaborationAdviser = null)
    {
        DomainException.ThrowIf(hospitalTrust.Kind != PartyKind.HospitalTrust,
            "En divisjon må høre til helseforetaket.");
        DomainException.ThrowIf(string.IsNullOrWhiteSpace(name), "En divisjon må ha et navn.");
        HospitalTrustId = hospitalTrust.Id;
        Name = name.Trim();
        CollaborationAdviser = collaborationAdviser;
    }

    public Guid HospitalTrustId { get; private set; }
    public string Name { get; private set; }
    public string? CollaborationAdviser { get; private set; }
}

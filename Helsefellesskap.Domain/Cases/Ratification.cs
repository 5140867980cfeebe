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

/// <summary>One party's local ratification (forankring) of a decision adopted pending ratification.</summary>
public sealed class Ratification : Entity
{
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
    public string? LocalReference { get; private set; }
    public DateOnly? TreatedOn { get; private set; }
    public DateTimeOffset? RecordedAt { get; private set; }

    public bool IsRatified => Status is RatificationStatus.Ratified or RatificationStatus.RatifiedWithChanges;

    internal void Record(RatificationStatus status, string? localReference, DateOnly? treatedOn, DateTimeOffset at)
    {
        Status = status;
        LocalReference = string.IsNullOrWhiteSpace(localReference) ? null : localReference.Trim();
        TreatedOn = treatedOn;
        RecordedAt = at;
    }
}

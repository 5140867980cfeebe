namespace Helsefellesskap.Domain.Partnerships;

/// <summary>A person who holds seats. Each person signs in as one user of the app.</summary>
public sealed class Person : Entity
{
    private Person() { Name = ""; }

    public Person(Guid partnershipId, string name, string? title = null)
    {
        DomainException.ThrowIf(string.IsNullOrWhiteSpace(name), "En person må ha et navn.");
        PartnershipId = partnershipId;
        Name = name.Trim();
        Title = string.IsNullOrWhiteSpace(title) ? null : title.Trim();
    }

    public Guid PartnershipId { get; private set; }
    public string Name { get; private set; }

    /// <summary>Position and employer, e.g. "kommunalsjef helse og omsorg, Vang kommune".</summary>
    public string? Title { get; private set; }
}

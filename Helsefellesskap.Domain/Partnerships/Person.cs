namespace Helsefellesskap.Domain.Partnerships;

/// <summary>A person who holds seats. Each person signs in as one user of the app.</summary>
public sealed class Person : Entity
{
    private Person() { Name = ""; }

    public Person(Guid partnershipId, string name, string? title = null)
    {
        PartnershipId = partnershipId;
        Name = "";
        Rename(name);
        ChangeTitle(title);
    }

    public Guid PartnershipId { get; private set; }
    public string Name { get; private set; }

    /// <summary>Position and employer, e.g. "kommunalsjef helse og omsorg, Vang kommune".</summary>
    public string? Title { get; private set; }

    public void Rename(string name)
    {
        DomainException.ThrowIf(string.IsNullOrWhiteSpace(name), "En person må ha et navn.");
        Name = name.Trim();
    }

    /// <summary>A blank title removes it: not everyone has one worth showing.</summary>
    public void ChangeTitle(string? title) => Title = string.IsNullOrWhiteSpace(title) ? null : title.Trim();
}

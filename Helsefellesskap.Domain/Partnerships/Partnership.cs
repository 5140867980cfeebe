namespace Helsefellesskap.Domain.Partnerships;

/// <summary>A health partnership (helsefellesskap): owns its parties, people and bodies.</summary>
public sealed class Partnership : Entity
{
    private Partnership() { Name = ""; }

    public Partnership(string name)
    {
        DomainException.ThrowIf(string.IsNullOrWhiteSpace(name), "Helsefellesskapet må ha et navn.");
        Name = name.Trim();
    }

    public string Name { get; private set; }
}

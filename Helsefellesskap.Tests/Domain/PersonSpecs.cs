using Helsefellesskap.Domain;
using Helsefellesskap.Domain.Partnerships;

namespace Helsefellesskap.Tests.Domain;

public class PersonSpecs
{
    private readonly TestPartnership p = new();

    [Fact]
    public void A_person_is_renamed_but_never_to_nothing()
    {
        var person = new Person(p.Partnership.Id, "Kari Nordmann", "kommunalsjef");

        person.Rename("  Kari Nordmann Fjeld ");
        var error = Assert.Throws<DomainException>(() => person.Rename(" "));

        Assert.Equal("En person må ha et navn.", error.Message);
        Assert.Equal("Kari Nordmann Fjeld", person.Name);
    }

    [Fact]
    public void A_title_may_be_changed_or_removed()
    {
        var person = new Person(p.Partnership.Id, "Kari Nordmann", "kommunalsjef");

        person.ChangeTitle(" kommunedirektør, Vang kommune ");
        Assert.Equal("kommunedirektør, Vang kommune", person.Title);

        person.ChangeTitle("  ");
        Assert.Null(person.Title);
    }
}

using Helsefellesskap.Domain;
using Helsefellesskap.Domain.Partnerships;

namespace Helsefellesskap.Tests.Domain.Partnerships;

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

    [Fact]
    public void An_email_address_must_look_like_one_and_a_blank_removes_it()
    {
        var person = new Person(p.Partnership.Id, "Kari Nordmann");

        person.ChangeEmail(" kari.nordmann@eksempel.no ");
        Assert.Equal("kari.nordmann@eksempel.no", person.Email);
        foreach (var wrong in new[] { "kari", "kari@", "@eksempel.no", "kari@eksempel", "kari nordmann@eksempel.no", "a@b@eksempel.no" })
            Assert.Equal($"«{wrong}» er ikke en gyldig e-postadresse.", Assert.Throws<DomainException>(() => person.ChangeEmail(wrong)).Message);
        Assert.Equal("kari.nordmann@eksempel.no", person.Email);

        person.ChangeEmail(" ");
        Assert.Null(person.Email);
    }

    [Fact]
    public void Reminders_are_on_until_the_person_turns_them_off()
    {
        var person = new Person(p.Partnership.Id, "Kari Nordmann");
        Assert.True(person.WantsReminders);

        person.ChooseReminders(false);
        Assert.False(person.WantsReminders);
    }
}

using Bunit;
using Helsefellesskap.App.Features.Administration;
using Helsefellesskap.App.Features.Ratifications;
using Helsefellesskap.App.Features.Steering;
using Helsefellesskap.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;

namespace Helsefellesskap.Tests.Pages;

/// <summary>The ratification, steering figure and user pages as bUnit renders them live, for users of different roles.</summary>
public sealed class RatificationAndSteeringPageTests(DemoDatabaseTemplate template) : AppPageTest(template)
{
    private Guid CopdTreatment()
    {
        using var db = Database.NewContext();
        var copd = db.Cases.Single(c => c.Title == "Pasientforløp for personer med kols i Innlandet");
        return copd.Treatments.Single(t => t.Ratifications.Count > 0).Id;
    }

    [Fact]
    public void A_municipality_s_own_user_with_leave_is_offered_to_record_only_its_own_party()
    {
        SignIn("kd.gran");
        var page = Render<RatificationPage>(p => p.Add(x => x.TreatmentId, CopdTreatment()));

        page.WaitForAssertion(() => Assert.Contains("Forankret i 30 av 43", page.Markup));
        var buttons = page.FindAll("button[aria-label^='Registrer forankring for']");
        Assert.Equal(["Registrer forankring for Gran"], buttons.Select(b => b.GetAttribute("aria-label")));
        Assert.Contains("Registrer forankring", page.Find("h2#registrer").TextContent);
    }

    [Fact]
    public void An_observer_reads_the_ratification_but_is_offered_no_form()
    {
        SignIn("liv.aune");
        var page = Render<RatificationPage>(p => p.Add(x => x.TreatmentId, CopdTreatment()));

        page.WaitForAssertion(() => Assert.Contains("Forankret i 30 av 43", page.Markup));
        Assert.Empty(page.FindAll("form"));
        Assert.Empty(page.FindAll("h2#registrer"));
        Assert.Equal(8, page.FindAll("section h3").Count);
        Assert.Contains("Fristen er ute", page.Markup);
    }

    [Fact]
    public void The_steering_page_shows_a_chart_and_the_table_and_only_the_secretariat_may_edit()
    {
        SignIn("liv.aune");
        var page = Render<SteeringPage>();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("table.figures tbody tr")));
        Assert.Equal(7, page.FindAll("table.figures tbody tr").Count);
        Assert.Contains("20\u00a0510", page.Find("table.figures tfoot").TextContent);
        Assert.Equal(3, page.FindAll(".chart-box").Count);
        Assert.DoesNotContain(page.FindAll("button"), b => b.TextContent.StartsWith("Endre tallene"));
    }

    [Fact]
    public void The_secretariat_edits_a_year_s_figures_and_a_refused_cell_keeps_what_was_typed()
    {
        SignIn("mari.hovde");
        var page = Render<SteeringPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("table.figures tbody tr")));

        page.FindAll("button").Single(b => b.TextContent.StartsWith("Endre tallene for 2025")).Click();
        var valdres = page.Find("input[aria-label='Døgnopphold i Helseregion Valdres']");
        valdres.Change("mange");
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Contains("Døgnopphold i Helseregion Valdres må være et helt tall", page.Markup));
        Assert.Equal("mange", page.Find("input[aria-label='Døgnopphold i Helseregion Valdres']").GetAttribute("value"));
        Assert.Equal("true", page.Find("input[aria-label='Døgnopphold i Helseregion Valdres']").GetAttribute("aria-invalid"));
    }

    [Fact]
    public void The_administrator_sees_a_person_s_leave_to_record_ratification_on_their_user_page()
    {
        string userId;
        using (var db = Database.NewContext()) userId = db.Users.Single(u => u.UserName == "kd.gran").Id;
        SignIn("admin");

        var page = Render<UserPage>(p => p.Add(x => x.UserId, userId));

        page.WaitForAssertion(() => Assert.Contains("Kan registrere forankring for Gran", page.Markup));
        Assert.NotNull(page.Find("h2#forankring"));
    }

    [Fact]
    public void The_secretariat_does_not_see_the_leave_to_record_ratification_which_is_the_administrator_s()
    {
        string userId;
        using (var db = Database.NewContext()) userId = db.Users.Single(u => u.UserName == "kd.gran").Id;
        SignIn("mari.hovde");

        var page = Render<UserPage>(p => p.Add(x => x.UserId, userId));

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("h2#verv")));
        Assert.Empty(page.FindAll("h2#forankring"));
    }
}

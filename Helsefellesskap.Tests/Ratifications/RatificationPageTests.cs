using Bunit;
using Helsefellesskap.App.Data;
using Helsefellesskap.App.Features.Ratifications;
using Helsefellesskap.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;

namespace Helsefellesskap.Tests.Ratifications;

/// <summary>The ratification page as bUnit renders it live, for users of different roles.</summary>
public sealed class RatificationPageTests(DemoDatabaseTemplate template) : AppPageTest(template)
{
    private Guid CopdTreatment()
    {
        using var db = Database.NewContext();
        var copd = db.Cases.WithRecord().Single(c => c.Title == "Pasientforløp for personer med kols i Innlandet");
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
}

using Bunit;
using Helsefellesskap.App.Data;
using Helsefellesskap.App.Features.Access;
using Helsefellesskap.App.Features.Cases;
using Helsefellesskap.Domain.Cases;
using Helsefellesskap.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Helsefellesskap.Tests.Cases;

/// <summary>AU's case page with the real notifier and services on SQLite: what other members do shows at once.</summary>
public sealed class CasePageLiveTests(DemoDatabaseTemplate template) : AppPageTest(template)
{
    /// <summary>The demo's shared decision making case: in AU, the hospital has agreed (Geir Lien), the municipalities not yet.</summary>
    private (Guid CaseId, Guid TreatmentId) CaseInAu()
    {
        using var db = Database.NewContext();
        var @case = db.Cases.WithRecord().Single(c => c.Title.StartsWith("Samvalg i overgangen"));
        return (@case.Id, @case.OpenTreatment!.Id);
    }

    private async Task<CaseWork> WorkAs(string userName)
    {
        var auth = new TestAuthentication();
        await using (var db = Database.NewContext()) await auth.SignInAsync(db, userName);
        return ActivatorUtilities.CreateInstance<CaseWork>(Services, new Actors(auth, Services.GetRequiredService<TimeProvider>()));
    }

    [Fact]
    public async Task AU_s_case_page_shows_another_members_position_as_it_is_registered()
    {
        var (caseId, treatmentId) = CaseInAu();
        SignIn("knut.ellingsen");
        var page = Render<CasePage>(p => p.Add(x => x.Id, caseId));
        page.WaitForAssertion(() => Assert.Contains("1 av 2 parter enige", page.Markup));

        // Per Olav Nes, in his own circuit, states the municipalities' position.
        var gp = await WorkAs("perolav.nes");
        Guid jointly;
        await using (var db = Database.NewContext()) jointly = await db.Parties.Where(p => p.Name == "Kommunene i Innlandet (samlet)").Select(p => p.Id).SingleAsync();
        await gp.RegisterPositionAsync(caseId, treatmentId, jointly, 1, PositionKind.AgreeWithRemark, "Fastlegene må tas med i opplæringen.");

        page.WaitForAssertion(() => Assert.Contains("2 av 2 parter enige", page.Markup));
        Assert.Contains("Fastlegene må tas med i opplæringen.", page.Markup);
        Assert.Contains("Per Olav Nes", page.Find("table").TextContent);
    }

    [Fact]
    public void A_second_hospital_member_s_form_shows_who_gave_the_hospital_s_position_and_asks_to_replace_it()
    {
        var (caseId, _) = CaseInAu();
        SignIn("knut.ellingsen");
        var page = Render<CasePage>(p => p.Add(x => x.Id, caseId));

        page.WaitForAssertion(() => Assert.Contains("Gjeldende standpunkt", page.Markup));
        var form = Text(page.Find("fieldset").TextContent);
        Assert.Contains("Gjeldende standpunkt: Enig – registrert av Geir Lien kl.", form);
        Assert.Contains("Erstatt standpunktet", form);
    }

    [Fact]
    public async Task The_position_form_starts_on_the_party_s_current_position_and_text()
    {
        var (caseId, treatmentId) = CaseInAu();
        SignIn("perolav.nes");
        var gp = await WorkAs("perolav.nes");
        Guid jointly;
        await using (var db = Database.NewContext()) jointly = await db.Parties.Where(p => p.Name == "Kommunene i Innlandet (samlet)").Select(p => p.Id).SingleAsync();
        await gp.RegisterPositionAsync(caseId, treatmentId, jointly, 1, PositionKind.Disagree, "Kommunene mangler finansiering.");

        var page = Render<CasePage>(p => p.Add(x => x.Id, caseId));

        page.WaitForAssertion(() => Assert.Contains("Gjeldende standpunkt", page.Markup));
        Assert.Equal("Kommunene mangler finansiering.", page.Find("fieldset textarea").GetAttribute("value") ?? page.Find("fieldset textarea").TextContent);
        // His own position: he changes it without confirming.
        Assert.Contains("Registrer standpunkt", Text(page.Find("fieldset").TextContent));
        Assert.DoesNotContain("Erstatt standpunktet", page.Markup);
    }

    private static string Text(string s) => System.Text.RegularExpressions.Regex.Replace(s, @"\s+", " ");
}

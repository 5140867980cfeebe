using Bunit;
using Helsefellesskap.App.Data;
using Helsefellesskap.App.Features.Audit;
using Helsefellesskap.App.Features.Cases;
using Helsefellesskap.App.Features.Overview;
using Helsefellesskap.Domain.Cases;
using Helsefellesskap.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Helsefellesskap.Tests.Audit;

/// <summary>The case page's history and the audit log page, with the app's services on a copy of the demo database.</summary>
public sealed class AuditPageTests(DemoDatabaseTemplate template) : AppPageTest(template)
{
    private async Task<Guid> CaseSavedUnderANewTitle()
    {
        Guid ssu;
        await using (var db = Database.NewContext()) ssu = await db.Bodies.Where(b => b.ShortName == "SSU").Select(b => b.Id).SingleAsync();
        CaseDraftInput Draft(string title) => new(title, CaseType.Decision, false, CaseTag.None, ssu, null,
            "Bakgrunn.", "Vurdering.", "SSU vedtar rutinen.");
        var work = Services.GetRequiredService<CaseWork>();
        var id = await work.CreateDraftAsync(Draft("Rutine for legemidler"));
        await work.SaveAsync(id, 1, Draft("Rutine for legemiddelsamstemming"));
        return id;
    }

    [Fact]
    public async Task The_case_page_shows_the_secretariat_who_saved_the_case_and_the_title_before_and_after()
    {
        SignIn("mari.hovde");
        var id = await CaseSavedUnderANewTitle();

        var page = Render<CasePage>(p => p.Add(x => x.Id, id));

        page.WaitForAssertion(() => Assert.Equal("Historikk", page.Find("h2#historikk").TextContent));
        var saved = page.FindAll("#historikk ~ ul details").First();
        Assert.Contains("Mari Hovde", saved.QuerySelector("summary")!.TextContent);
        Assert.Contains("Sak lagret", saved.QuerySelector("summary")!.TextContent);
        var title = saved.QuerySelectorAll("dt").First(dt => dt.TextContent == "Tittel");
        Assert.Equal("Før: Rutine for legemidler", title.NextElementSibling!.TextContent);
        Assert.Equal("Etter: Rutine for legemiddelsamstemming", title.NextElementSibling!.NextElementSibling!.TextContent);
        Assert.Contains(page.FindAll("details summary"), s => s.TextContent.Contains("Sak opprettet"));
        Assert.Contains(page.FindAll("a"), a => a.TextContent == "Hele revisjonsloggen");
    }

    private Guid SeededCase()
    {
        using var db = Database.NewContext();
        return db.Cases.WithRecord().AsEnumerable().Single(c => c.Title.StartsWith("Pasientforløp for personer med kols")).Id;
    }

    [Theory]
    [InlineData("liv.aune", false)] // SSU observer
    [InlineData("gunn.brekke", false)] // SSU participant
    [InlineData("hilde.moen", true)] // SSU member
    [InlineData("knut.ellingsen", true)] // AU chair
    public void Those_with_a_say_in_a_body_see_a_case_s_history_and_observers_and_participants_do_not(string userName, bool sees)
    {
        var id = SeededCase();
        SignIn(userName);

        var page = Render<CasePage>(p => p.Add(x => x.Id, id));

        page.WaitForAssertion(() => Assert.Equal("Pasientforløp for personer med kols i Innlandet", page.Find("h1").TextContent));
        Assert.Equal(sees, page.FindAll("h2#historikk").Count == 1);
        // Only the secretariat and administrators are shown the way to the whole log.
        Assert.DoesNotContain(page.FindAll("a"), a => a.TextContent == "Hele revisjonsloggen");
    }

    [Fact]
    public void The_secretariat_checks_the_chain_on_the_audit_page_and_sees_it_whole()
    {
        SignIn("geir.lien");
        var page = Render<AuditPage>();
        page.WaitForAssertion(() => Assert.Contains(page.FindAll("td[data-label=Handling]"), td => td.TextContent == "Demodata lagt inn"));

        page.FindAll("button").Single(b => b.TextContent.Trim() == "Kontroller kjeden").Click();

        page.WaitForAssertion(() => Assert.Matches(@"^Kjeden er hel: \d+ poster kontrollert$", page.Find("[role=status] .mud-alert-message").TextContent.Trim()));
    }

    [Fact]
    public async Task The_audit_page_names_the_first_record_altered_in_the_database()
    {
        SignIn("mari.hovde");
        await CaseSavedUnderANewTitle();
        long altered;
        await using (var db = Database.NewContext()) altered = await db.AuditRecords.Where(r => r.Action == "Sak lagret").MinAsync(r => r.Sequence);
        await Database.SqlAsync($"""{TestServices.DropTrigger("AuditRecords_no_update", "AuditRecords")} UPDATE "AuditRecords" SET "ActorName" = 'Noen andre' WHERE "Sequence" = {altered};""");
        var page = Render<AuditPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("button")));

        page.FindAll("button").Single(b => b.TextContent.Trim() == "Kontroller kjeden").Click();

        page.WaitForAssertion(() => Assert.StartsWith($"Kjeden er brutt ved post {altered}: innholdet stemmer ikke med hashen.",
            page.Find("[role=status] .mud-alert-message").TextContent.Trim()));
    }

    [Theory]
    [InlineData("mari.hovde", true)]
    [InlineData("admin", true)]
    [InlineData("hilde.moen", false)]
    public void The_overview_shows_the_way_to_the_audit_log_to_those_who_may_read_it(string userName, bool shown)
    {
        SignIn(userName);
        var page = Render<OverviewPage>();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("a[href='/saker']")));
        Assert.Equal(shown, page.FindAll("a[href='/revisjon']").Count == 1);
    }

    [Fact]
    public void A_member_is_told_that_the_audit_log_is_for_the_secretariat_and_administrators()
    {
        SignIn("hilde.moen");
        var page = Render<AuditPage>();

        page.WaitForAssertion(() => Assert.Contains("Du har ingen tilgang til revisjonsloggen", page.Markup));
        Assert.Empty(page.FindAll("button"));
    }
}

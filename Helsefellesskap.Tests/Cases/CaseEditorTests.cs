using Bunit;
using Helsefellesskap.App.Data;
using Helsefellesskap.App.Features.Cases.Editor;
using Helsefellesskap.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Helsefellesskap.Tests.Cases;

public sealed class CaseEditorTests(DemoDatabaseTemplate template) : AppPageTest(template)
{
    private IRenderedComponent<CaseEditorPage> OpenNewCase()
    {
        var page = Render<CaseEditorPage>();
        page.WaitForAssertion(() => Assert.Equal("Ny sak", page.Find("h1").TextContent));
        return page;
    }

    private static void Type(IRenderedComponent<CaseEditorPage> page, string label, string text) =>
        page.FindAll("label").Single(l => l.TextContent.TrimEnd('*') == label)
            .ParentElement!.QuerySelector("input, textarea")!.Input(text);

    /// <summary>
    /// Finds and clicks "Lagre nå" in one turn of the renderer: on PostgreSQL the page's own work awaits real I/O, so
    /// a render can come between finding the button and clicking it, and the click would reach a handler gone.
    /// </summary>
    private static void SaveNow(IRenderedComponent<CaseEditorPage> page) =>
        page.InvokeAsync(() => page.FindAll("button").Single(b => b.TextContent == "Lagre nå").Click()).GetAwaiter().GetResult();

    [Fact]
    public void The_secretariat_writes_a_new_case_and_its_proposed_decision_is_saved_as_a_draft_without_a_version()
    {
        SignIn("mari.hovde");
        var page = OpenNewCase();

        Type(page, "Tittel", "Felles rutine for ernæring hos eldre");
        Type(page, "Bakgrunn", "Underernæring er **vanlig** etter utskrivning.");
        Type(page, "Forslag til vedtak", "SSU vedtar rutinen.");
        SaveNow(page);

        page.WaitForAssertion(() => Assert.Contains("Alle endringer er lagret", page.Find("[role=status]").TextContent));
        using var db = Database.NewContext();
        var saved = db.Cases.WithRecord().Single(c => c.Title == "Felles rutine for ernæring hos eldre");
        Assert.Equal("SSU vedtar rutinen.", saved.ProposedDecision);
        Assert.Empty(saved.ProposalVersions);
        Assert.Null(saved.Number);
        // The preview shows the Markdown rendered.
        Assert.Equal("vanlig", page.Find(".preview strong").TextContent);
    }

    [Fact]
    public void A_draft_without_a_title_is_not_saved_and_the_user_is_told_why()
    {
        SignIn("geir.lien");
        var page = OpenNewCase();

        Type(page, "Vurdering", "Noe jeg har skrevet.");
        SaveNow(page);

        // The refusal comes after the actor is read: on PostgreSQL that read is truly asynchronous.
        page.WaitForAssertion(() => Assert.Contains("Ikke lagret", page.Find("[role=status]").TextContent));
        Assert.Contains("Skriv en tittel", page.Markup);
        using var db = Database.NewContext();
        Assert.Equal(12, db.Cases.Count());
    }

    [Fact]
    public void Someone_outside_the_secretariat_is_told_that_only_the_secretariat_writes_cases()
    {
        SignIn("hilde.moen");
        var page = Render<CaseEditorPage>();

        page.WaitForAssertion(() => Assert.Contains("Bare sekretariatet skriver og endrer saker", page.Markup));
        Assert.Empty(page.FindAll("textarea"));
    }

    [Fact]
    public void An_existing_case_opens_with_its_text_and_number()
    {
        SignIn("mari.hovde");
        Guid id;
        using (var db = Database.NewContext()) id = db.Cases.IgnoreAutoIncludes().Single(c => c.Year == 2026 && c.Sequence == 4 && c.Title.StartsWith("Felles kompetanseplan")).Id;

        var page = Render<CaseEditorPage>(p => p.Add(x => x.Id, id));

        page.WaitForAssertion(() => Assert.Equal("Rediger SSU-sak 004/2026", page.Find("h1").TextContent));
        Assert.Contains("Strategisk samarbeidsutvalg vedtar felles kompetanseplan 2026–2029.", page.Markup);
        Assert.Contains("Saken har fått saksnummer i dette utvalget og kan ikke flyttes.", page.Markup);
    }

    private static string FieldText(IRenderedComponent<CaseEditorPage> page, string draftName) =>
        page.Find($"[data-draft='{draftName}']").TextContent;

    [Fact]
    public void A_refusal_about_the_proposed_decision_is_shown_at_that_field_because_the_rule_names_it()
    {
        SignIn("mari.hovde");
        Guid id;
        using (var db = Database.NewContext()) id = db.Cases.IgnoreAutoIncludes().Single(c => c.Year == 2026 && c.Sequence == 4 && c.Title.StartsWith("Felles kompetanseplan")).Id;
        var page = Render<CaseEditorPage>(p => p.Add(x => x.Id, id));
        page.WaitForAssertion(() => Assert.Equal("Rediger SSU-sak 004/2026", page.Find("h1").TextContent));

        Type(page, "Forslag til vedtak", "");
        SaveNow(page);

        page.WaitForAssertion(() => Assert.Contains("Ikke lagret", page.Find("[role=status]").TextContent));
        Assert.Contains("En beslutningssak må ha et forslag til vedtak.", FieldText(page, CaseDrafts.ProposedDecision));
        Assert.DoesNotContain("forslag til vedtak", FieldText(page, CaseDrafts.Title));
    }

    [Fact]
    public void A_refusal_about_the_title_is_shown_at_the_title_and_not_at_the_proposed_decision()
    {
        SignIn("mari.hovde");
        var page = OpenNewCase();

        Type(page, "Tittel", "Felles rutine\tfor ernæring");
        Type(page, "Forslag til vedtak", "SSU vedtar rutinen.");
        SaveNow(page);

        page.WaitForAssertion(() => Assert.Contains("Ikke lagret", page.Find("[role=status]").TextContent));
        Assert.Contains("Tittelen kan ikke inneholde linjeskift", FieldText(page, CaseDrafts.Title));
        Assert.DoesNotContain("Tittelen kan ikke", FieldText(page, CaseDrafts.ProposedDecision));
    }
}

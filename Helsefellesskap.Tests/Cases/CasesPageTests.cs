using Bunit;
using Helsefellesskap.App.Features.Cases;
using Helsefellesskap.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Helsefellesskap.Tests.Cases;

public sealed class CasesPageTests(DemoDatabaseTemplate template) : AppPageTest(template)
{
    private IRenderedComponent<CasesPage> RenderAt(string address)
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo(address);
        return Render<CasesPage>();
    }

    private static IReadOnlyList<string> Titles(IRenderedComponent<CasesPage> page) =>
        page.FindAll("td[data-label=Tittel] a").Select(a => a.TextContent).ToList();

    [Fact]
    public void The_register_lists_every_case_with_number_body_type_and_status()
    {
        SignIn("liv.aune");
        var page = Render<CasesPage>();

        page.WaitForAssertion(() => Assert.Equal(12, Titles(page).Count));
        Assert.Contains("12 saker", page.Find("p[role=status]").TextContent);
        var copd = page.FindAll("tr").Single(r => r.TextContent.Contains("Pasientforløp for personer med kols"));
        Assert.Contains("SSU-sak 003/2026", copd.TextContent);
        Assert.Contains("Vedtatt med forbehold", copd.TextContent);
        Assert.Contains("prinsipiell", copd.TextContent);
        // Only the secretariat is offered a new case.
        Assert.DoesNotContain(page.FindAll("a"), a => a.TextContent.Contains("Ny sak"));
    }

    [Fact]
    public void The_register_filters_by_status_from_its_address()
    {
        SignIn("mari.hovde");
        var page = RenderAt("/saker?status=Binding");

        page.WaitForAssertion(() => Assert.Equal(3, Titles(page).Count));
        Assert.Contains("3 saker med disse valgene", page.Markup);
        Assert.Contains(page.FindAll("a"), a => a.TextContent.Contains("Ny sak"));
    }

    [Fact]
    public void The_register_searches_the_text_of_the_cases()
    {
        SignIn("mari.hovde");
        var page = RenderAt("/saker?q=hospiteringsordning");

        page.WaitForAssertion(() => Assert.Equal(["Felles kompetanseplan for sykepleiere og helsefagarbeidere"], Titles(page)));
    }

    [Fact]
    public void A_search_that_finds_nothing_says_so_in_Norwegian()
    {
        SignIn("mari.hovde");
        var page = RenderAt("/saker?q=finnesikkeiregisteret");

        page.WaitForAssertion(() => Assert.Contains("Ingen saker passer med valgene", page.Markup));
    }
}

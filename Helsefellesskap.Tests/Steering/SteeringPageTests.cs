using Bunit;
using Helsefellesskap.App.Features.Steering;
using Helsefellesskap.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;

namespace Helsefellesskap.Tests.Steering;

/// <summary>The steering figures page as bUnit renders it, for the secretariat and an observer.</summary>
public sealed class SteeringPageTests(DemoDatabaseTemplate template) : AppPageTest(template)
{
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
        var valdres = page.WaitForElement("input[aria-label='Døgnopphold i Helseregion Valdres']");
        valdres.Change("mange");
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Contains("Døgnopphold i Helseregion Valdres må være et helt tall", page.Markup));
        Assert.Equal("mange", page.Find("input[aria-label='Døgnopphold i Helseregion Valdres']").GetAttribute("value"));
        Assert.Equal("true", page.Find("input[aria-label='Døgnopphold i Helseregion Valdres']").GetAttribute("aria-invalid"));
    }
}

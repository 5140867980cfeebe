using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Helsefellesskap.App.Shared.Markdown;

namespace Helsefellesskap.Tests.Shared.Markdown;

/// <summary>What a secretary writes in Markdown still looks as intended once it has been made safe.</summary>
public sealed class MarkdownRenderingSpecs
{
    private static readonly MarkdownRenderer Renderer = new();

    private static IHtmlDocument Render(string markdown) => new HtmlParser().ParseDocument(Renderer.ToSafeHtml(markdown));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   \n\t ")]
    public void Blank_input_gives_no_HTML(string? markdown)
    {
        Assert.Equal("", Renderer.ToSafeHtml(markdown));
    }

    [Fact]
    public void Bold_italic_and_strikethrough_are_kept()
    {
        var document = Render("Dette er **viktig**, *foreløpig* og ~~utgått~~.");

        Assert.Equal("viktig", document.QuerySelector("p > strong")?.TextContent);
        Assert.Equal("foreløpig", document.QuerySelector("p > em")?.TextContent);
        Assert.Equal("utgått", document.QuerySelector("p > del")?.TextContent);
    }

    [Fact]
    public void Bullet_and_numbered_lists_are_kept()
    {
        var document = Render("- Gjøvik\n- Hamar\n\n1. Første\n2. Andre\n3. Tredje");

        Assert.Equal(["Gjøvik", "Hamar"], document.QuerySelectorAll("ul > li").Select(li => li.TextContent));
        Assert.Equal(["Første", "Andre", "Tredje"], document.QuerySelectorAll("ol > li").Select(li => li.TextContent));
    }

    [Fact]
    public void A_pipe_table_becomes_a_table_without_inline_styles()
    {
        var document = Render("| Kommune | Innbyggere |\n|:---|---:|\n| Gjøvik | 31 000 |\n| Hamar | 32 000 |");

        Assert.Equal(["Kommune", "Innbyggere"], document.QuerySelectorAll("table > thead > tr > th").Select(th => th.TextContent));
        Assert.Equal(["Gjøvik", "31 000", "Hamar", "32 000"], document.QuerySelectorAll("table > tbody > tr > td").Select(td => td.TextContent));
        Assert.Empty(document.QuerySelectorAll("[style]"));
    }

    [Theory]
    [InlineData("Se [nettsiden](https://sykehuset-innlandet.no/helsefellesskap).", "https://sykehuset-innlandet.no/helsefellesskap")]
    [InlineData("Se https://sykehuset-innlandet.no/helsefellesskap i dag.", "https://sykehuset-innlandet.no/helsefellesskap")]
    [InlineData("Skriv til [sekretariatet](mailto:sekretariat@example.no).", "mailto:sekretariat@example.no")]
    [InlineData("Se [saken](http://example.no/sak).", "http://example.no/sak")]
    public void Links_to_web_pages_and_e_mail_are_kept_and_open_no_door_back(string markdown, string href)
    {
        var link = Assert.Single(Render(markdown).QuerySelectorAll("a"));

        Assert.Equal(href, link.GetAttribute("href"));
        Assert.Equal("noopener noreferrer nofollow", link.GetAttribute("rel"));
    }

    [Theory]
    [InlineData("# Bakgrunn", "h3")]
    [InlineData("## Vurdering", "h4")]
    [InlineData("### Økonomi", "h5")]
    [InlineData("#### Detaljer", "h6")]
    [InlineData("###### Dypest", "h6")]
    [InlineData("Bakgrunn\n========", "h3")]
    public void Headings_start_below_the_page_s_own_h1_and_h2(string markdown, string expected)
    {
        var heading = Assert.Single(Render(markdown).Body!.Children);

        Assert.Equal(expected, heading.LocalName);
    }

    [Fact]
    public void An_image_is_shown_as_a_link_to_it_and_never_loaded()
    {
        var document = Render("![Kart over helseregionene](https://example.no/kart.png)");

        Assert.Empty(document.QuerySelectorAll("img"));
        var link = Assert.Single(document.QuerySelectorAll("a"));
        Assert.Equal("https://example.no/kart.png", link.GetAttribute("href"));
        Assert.Equal("Kart over helseregionene", link.TextContent);
    }

    [Fact]
    public void A_single_line_break_is_kept()
    {
        var document = Render("Første linje\nandre linje");

        Assert.Single(document.QuerySelectorAll("p > br"));
    }

    [Fact]
    public void Exports_get_plain_readable_text_with_a_link_as_its_text_and_address()
    {
        var text = MarkdownRenderer.ToPlainText(
            "SSU vedtar **rutinen**, se [veilederen](https://www.helsedirektoratet.no/veiledere/kols) og https://sykehuset-innlandet.no.\n\n- punkt *en*\n- punkt to");

        Assert.Equal("SSU vedtar rutinen, se veilederen (https://www.helsedirektoratet.no/veiledere/kols) og https://sykehuset-innlandet.no.\n" +
                     "– punkt en\n– punkt to", text);
        Assert.Equal("", MarkdownRenderer.ToPlainText("  "));
    }
}

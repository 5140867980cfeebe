using Bunit;
using Helsefellesskap.App.Shared.Markdown;
using Microsoft.Extensions.DependencyInjection;

namespace Helsefellesskap.Tests.Shared.Markdown;

/// <summary>The leaf that shows user-written Markdown on a page, rendered by bUnit.</summary>
public sealed class MarkdownViewTests : BunitContext
{
    public MarkdownViewTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddSingleton<MarkdownRenderer>();
    }

    [Fact]
    public void Hostile_text_is_shown_as_text_and_nothing_in_it_can_run()
    {
        var view = Render<MarkdownView>(p => p.Add(x => x.Markdown,
            "<script>alert('x')</script> <img src=x onerror=alert(1)> [klikk](javascript:alert(1))"));

        Assert.Empty(view.FindAll("script"));
        Assert.Empty(view.FindAll("img"));
        Assert.Empty(view.FindAll("[onerror]"));
        Assert.Empty(view.FindAll("a[href]"));
        var text = view.Find("div.markdown").TextContent;
        Assert.Contains("<script>alert('x')</script>", text);
        Assert.Contains("<img src=x onerror=alert(1)>", text);
        Assert.Contains("klikk", text);
    }

    [Fact]
    public void Ordinary_Markdown_is_shown_formatted()
    {
        var view = Render<MarkdownView>(p => p
            .Add(x => x.Markdown, "Partnerskapsmøtet anbefaler **enstemmig** avtalen.")
            .Add(x => x.Class, "saksfremstilling"));

        Assert.Equal("enstemmig", view.Find("div.markdown.saksfremstilling p strong").TextContent);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    public void Blank_text_shows_a_dash(string? markdown)
    {
        var view = Render<MarkdownView>(p => p.Add(x => x.Markdown, markdown));

        Assert.Equal("–", view.Find("p.muted").TextContent);
        Assert.Empty(view.FindAll("div.markdown"));
    }
}

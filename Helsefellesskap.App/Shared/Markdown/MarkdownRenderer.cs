using AngleSharp.Dom;
using Ganss.Xss;
using Markdig;
using Markdig.Extensions.EmphasisExtras;
using Markdig.Renderers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Helsefellesskap.App.Shared.Markdown;

/// <summary>
/// Turns Markdown written by users (case presentations, later minutes) into HTML that is safe to show as a
/// MarkupString: Markdig renders it with raw HTML escaped, and an allow-list sanitiser always has the last word,
/// so no script, event handler or javascript: link from any field can ever run.
/// </summary>
public sealed class MarkdownRenderer
{
    // The page around a Markdown field already has its h1 and h2.
    private const int HeadingShift = 2;
    private const int DeepestHeading = 6;

    private readonly MarkdownPipeline pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseEmphasisExtras(EmphasisExtraOptions.Strikethrough)
        .UseAutoLinks()
        .UseSoftlineBreakAsHardlineBreak()
        .DisableHtml()
        .Build();

    private readonly HtmlSanitizer sanitizer = CreateSanitizer();

    public string ToSafeHtml(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown))
        {
            return "";
        }

        var document = Markdig.Markdown.Parse(markdown, pipeline);
        foreach (var heading in document.Descendants<HeadingBlock>())
        {
            heading.Level = Math.Min(heading.Level + HeadingShift, DeepestHeading);
        }
        // An image would be fetched from wherever its author points, telling that server who reads the case;
        // a link to it lets the reader decide.
        foreach (var image in document.Descendants<LinkInline>().Where(link => link.IsImage))
        {
            image.IsImage = false;
        }

        return sanitizer.Sanitize(Markdig.Markdown.ToHtml(document, pipeline));
    }

    private static readonly MarkdownPipeline PlainPipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseEmphasisExtras(EmphasisExtraOptions.Strikethrough)
        .UseAutoLinks()
        .DisableHtml()
        .Build();

    /// <summary>
    /// The text a reader of a Word document or a spreadsheet should see: no Markdown marks, and a link as
    /// "tekst (https://…)", since its address would otherwise be lost.
    /// </summary>
    public static string ToPlainText(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown)) return "";
        var document = Markdig.Markdown.Parse(markdown, PlainPipeline);
        foreach (var link in document.Descendants<LinkInline>().ToList())
        {
            link.IsImage = false;
            var text = string.Concat(link.Descendants<LiteralInline>().Select(l => l.Content.ToString()));
            if (!link.IsAutoLink && !string.IsNullOrEmpty(link.Url) && text != link.Url)
                link.InsertAfter(new LiteralInline($" ({link.Url})"));
        }
        // A list keeps its marks, or its items would read as one run-on paragraph.
        foreach (var list in document.Descendants<ListBlock>())
        {
            var number = int.TryParse(list.OrderedStart, out var start) ? start : 1;
            foreach (var item in list.OfType<ListItemBlock>())
                if (item.FirstOrDefault() is ParagraphBlock { Inline.FirstChild: { } first })
                    first.InsertBefore(new LiteralInline(list.IsOrdered ? $"{number++}. " : "– "));
        }
        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer) { EnableHtmlForBlock = false, EnableHtmlForInline = false, EnableHtmlEscape = false };
        PlainPipeline.Setup(renderer);
        renderer.Render(document);
        writer.Flush();
        var lines = writer.ToString().Replace("\r\n", "\n").Split('\n').Select(l => l.TrimEnd());
        return System.Text.RegularExpressions.Regex.Replace(string.Join("\n", lines), "\n{3,}", "\n\n").Trim();
    }

    private static HtmlSanitizer CreateSanitizer()
    {
        // Built from an empty allow-list, so that nothing the library allows by default slips in.
        var options = HtmlSanitizerOptions.Empty();
        foreach (var tag in new[]
                 {
                     "p", "br", "strong", "em", "del", "ul", "ol", "li", "h3", "h4", "h5", "h6", "blockquote",
                     "code", "pre", "a", "table", "thead", "tbody", "tr", "th", "td", "hr",
                 })
        {
            options.AllowedTags.Add(tag);
        }
        // href must also be a URI attribute, or its value would not be checked against the schemes at all.
        options.AllowedAttributes.Add("href");
        options.UriAttributes.Add("href");
        foreach (var scheme in new[] { "http", "https", "mailto" })
        {
            options.AllowedSchemes.Add(scheme);
        }
        // No CSS properties: table alignment (a style attribute from Markdig) is dropped with the rest.

        var sanitizer = new HtmlSanitizer(options);
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is IElement { LocalName: "a" } link)
            {
                link.SetAttribute("rel", "noopener noreferrer nofollow");
            }
        };
        return sanitizer;
    }
}

using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Helsefellesskap.App.Shared.Markdown;

namespace Helsefellesskap.Tests.Shared.Markdown;

/// <summary>
/// Known cross-site scripting payloads, written into a Markdown field, must come out of the renderer inert:
/// only allow-listed elements, no event handlers, no script-capable URLs.
/// </summary>
public sealed class MarkdownSafetySpecs
{
    private static readonly MarkdownRenderer Renderer = new();

    private static readonly HashSet<string> AllowedElements =
    [
        "p", "br", "strong", "em", "del", "ul", "ol", "li", "h3", "h4", "h5", "h6", "blockquote", "code", "pre",
        "a", "table", "thead", "tbody", "tr", "th", "td", "hr",
    ];

    // Every attribute a browser may resolve as a URL to fetch, navigate to or run.
    private static readonly HashSet<string> UrlAttributes =
    [
        "href", "src", "action", "formaction", "xlink:href", "data", "background", "poster", "codebase",
        "cite", "dynsrc", "lowsrc", "srcset",
    ];

    private static readonly string[] ScriptingSchemes = ["javascript:", "vbscript:", "data:"];

    public static TheoryData<string> XssPayloads =>
    [
        // <script> in its variants
        "<script>alert(1)</script>",
        "<SCRIPT>alert(1)</SCRIPT>",
        "<ScRiPt src=\"https://evil.example/x.js\"></ScRiPt>",
        "<script type=\"text/javascript\" defer>alert(1)</script>",
        "<scr<script>ipt>alert(1)</scr</script>ipt>",
        "<<script>script>alert(1)<</script>/script>",
        "<svg><script>alert(1)</script></svg>",
        // elements with event handlers
        "<img src=x onerror=alert(1)>",
        "<IMG SRC=\"javascript:alert(1)\">",
        "<img src=\"x\" onerror=\"&#97;lert(1)\">",
        "<svg onload=alert(1)>",
        "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
        "<body onload=alert(1)>",
        "<details open ontoggle=alert(1)>",
        "<video><source onerror=alert(1)></video>",
        "<audio src=x onerror=alert(1)>",
        "<marquee onstart=alert(1)>rullende</marquee>",
        "<input onfocus=alert(1) autofocus>",
        "<a href=\"https://example.com\" onclick=\"alert(1)\">lenke</a>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
        // frames, objects and embeds
        "<iframe src=\"javascript:alert(1)\"></iframe>",
        "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
        "<object data=\"javascript:alert(1)\"></object>",
        "<object data=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\"></object>",
        "<embed src=\"javascript:alert(1)\">",
        // HTML links with obfuscated schemes
        "<a href=\"javascript:alert(1)\">klikk</a>",
        "<a href=\"jav&#x09;ascript:alert(1)\">klikk</a>",
        "<a href=\"&#106;avascript:alert(1)\">klikk</a>",
        "<a href=\"JaVaScRiPt:alert(1)\">klikk</a>",
        "<a href=\"jav\nascript:alert(1)\">klikk</a>",
        "<a href=\"data:text/html,<script>alert(1)</script>\">klikk</a>",
        // Markdown links and images
        "[klikk](javascript:alert(1))",
        "[klikk](JaVaScRiPt:alert(1))",
        "[klikk](<javascript:alert(1)>)",
        "[klikk](javascript:alert(1) \"tittel\")",
        "[klikk](jav&#x09;ascript:alert(1))",
        "[klikk](&#106;avascript:alert(1))",
        "[klikk](vbscript:msgbox(1))",
        "[klikk](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "[klikk](https://example.com \"\\\" onmouseover=\\\"alert(1)\")",
        "![bilde](javascript:alert(1))",
        "![bilde](x\" onerror=\"alert(1))",
        "[<img src=x onerror=alert(1)>](https://example.com)",
        "[klikk][ref]\n\n[ref]: javascript:alert(1)",
        "[klikk]\n\n[klikk]: javascript:alert(1) \"tittel\"",
        "[klikk][d]\n\n[d]: data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        // autolinks
        "<javascript:alert(1)>",
        "<vbscript:msgbox(1)>",
        "https://example.com/\"onmouseover=\"alert(1)",
        // forms, meta and base
        "<form action=\"javascript:alert(1)\"><button>Send</button></form>",
        "<button formaction=\"javascript:alert(1)\">Send</button>",
        "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
        "<base href=\"javascript:alert(1)//\">",
        // CSS
        "<style>body { background: url(javascript:alert(1)) }</style>",
        "<div style=\"width: expression(alert(1))\">x</div>",
        "<p style=\"background:url(javascript:alert(1))\">x</p>",
        // SVG links
        "<svg><a xlink:href=\"javascript:alert(1)\"><text x=\"20\" y=\"20\">klikk</text></a></svg>",
        // comments and CDATA
        "<!--<script>alert(1)</script>-->",
        "<!--><script>alert(1)</script>-->",
        "<![CDATA[<script>alert(1)</script>]]>",
        // inside Markdown structures
        "| a | b |\n|---|---|\n| <script>alert(1)</script> | [x](javascript:alert(1)) |",
        "**<img src=x onerror=alert(1)>**",
        "> <iframe src=javascript:alert(1)></iframe>",
        "- <svg onload=alert(1)>",
        "# <script>alert(1)</script>",
        "`<script>alert(1)</script>`",
        "```\n<script>alert(1)</script>\n```",
        "```html\n<img src=x onerror=alert(1)>\n```",
    ];

    [Theory]
    [MemberData(nameof(XssPayloads))]
    public void No_payload_survives_as_anything_that_can_run(string payload)
    {
        var html = Renderer.ToSafeHtml(payload);

        Assert.DoesNotContain("<script", html.ToLowerInvariant());
        var document = new HtmlParser().ParseDocument(html);
        // document.All, not Body: a parser moves <meta>, <base> and <style> into <head>.
        foreach (var element in document.All.Where(e => e.LocalName is not ("html" or "head" or "body")))
        {
            Assert.True(AllowedElements.Contains(element.LocalName),
                $"<{element.LocalName}> is not allowed, in: {html}");
            foreach (var attribute in element.Attributes)
            {
                AssertInert(element, attribute, html);
            }
        }
    }

    [Theory]
    [InlineData("`<script>alert(1)</script>`")]
    [InlineData("```\n<script>alert(1)</script>\n```")]
    public void A_payload_in_code_is_shown_as_its_own_text(string markdown)
    {
        var document = new HtmlParser().ParseDocument(Renderer.ToSafeHtml(markdown));

        var code = Assert.Single(document.QuerySelectorAll("code"));
        Assert.Equal("<script>alert(1)</script>", code.TextContent.Trim());
        Assert.Empty(document.QuerySelectorAll("script"));
    }

    [Fact]
    public void Raw_HTML_in_Markdown_is_shown_as_text_and_not_interpreted()
    {
        var document = new HtmlParser().ParseDocument(Renderer.ToSafeHtml("Før <b onclick=\"x()\">fet</b> etter"));

        Assert.Empty(document.QuerySelectorAll("b"));
        Assert.Equal("Før <b onclick=\"x()\">fet</b> etter", document.Body!.TextContent.Trim());
    }

    private static void AssertInert(IElement element, IAttr attribute, string html)
    {
        var name = attribute.Name.ToLowerInvariant();
        Assert.False(name.StartsWith("on", StringComparison.Ordinal),
            $"event handler {name} on <{element.LocalName}>, in: {html}");
        Assert.False(name is "style" or "srcdoc", $"{name} on <{element.LocalName}>, in: {html}");
        if (UrlAttributes.Contains(name) || name.EndsWith(":href", StringComparison.Ordinal))
        {
            var url = new string(attribute.Value.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c)).ToArray())
                .ToLowerInvariant();
            Assert.False(ScriptingSchemes.Any(scheme => url.StartsWith(scheme, StringComparison.Ordinal)),
                $"{name}=\"{attribute.Value}\" on <{element.LocalName}>, in: {html}");
        }
    }
}

using System.Globalization;
using System.Text.RegularExpressions;
using Bunit;
using Helsefellesskap.App.Features.AnnualReport;
using Helsefellesskap.App.Features.Cases;
using Helsefellesskap.App.Features.Meetings.Live;
using Helsefellesskap.App.Shared;
using Helsefellesskap.Domain;
using Helsefellesskap.Domain.Cases;
using Helsefellesskap.Domain.Meetings;
using Helsefellesskap.Tests.Infrastructure;

namespace Helsefellesskap.Tests.Shared;

/// <summary>An outcome looks the same wherever it appears: the meeting screen, the decision list, the annual report.</summary>
public sealed class ToneTests(DemoDatabaseTemplate template) : AppPageTest(template)
{
    private static readonly string[] ToneClasses = ["status-good", "status-pending", "status-bad", "status-neutral"];

    // The whole class attribute where no tone class is found, so a failure says what the element had instead.
    private static string ToneClassOf(AngleSharp.Dom.IElement element) =>
        element.ClassList.FirstOrDefault(ToneClasses.Contains) ?? element.ClassName ?? "";

    private static CurrentItem ClosedItem(Outcome outcome, int agreeing, int required) => new(Guid.NewGuid(), AgendaItemKind.Case,
        "Sak", "SSU-sak 001/2026", Guid.NewGuid(), Guid.NewGuid(), CaseType.Decision, true, AgendaItemState.Closed, 1, "Ordlyd", [], [],
        $"{agreeing} av {required} parter enige", agreeing, required, outcome, null, null, []);

    [Theory]
    [InlineData(Outcome.AdoptedPendingRatification, 8, 8)]
    [InlineData(Outcome.NoConsensus, 7, 8)]
    public void An_outcome_has_the_same_colour_on_the_meeting_screen_as_in_the_list_of_decisions(Outcome outcome, int agreeing, int required)
    {
        SignIn("liv.aune");
        var list = Render<DecisionsPage>();
        list.WaitForAssertion(() => Assert.NotEmpty(list.FindAll("span.status")));
        var listed = list.FindAll("span.status").First(s => s.TextContent.Trim() == outcome.Label());

        var banner = Render<OutcomeBanner>(p => p.Add(x => x.Item, ClosedItem(outcome, agreeing, required)));

        Assert.Equal(ToneClassOf(listed), ToneClassOf(banner.Find("[data-testid=outcome]")));
    }

    [Fact]
    public void Noted_has_the_same_colour_in_the_annual_report_as_its_tag_in_the_list_of_decisions()
    {
        var report = new AnnualReportData(2026, "Strategisk samarbeidsutvalg", "SSU", 1, 1, [new Count<Outcome>(Outcome.Noted, 1)], 0, null, null,
            0, [], new FollowUpFigures(0, 0, 0, 0, 0), [], "Helsefellesskap Innlandet");
        var slice = ReportFigures.Outcomes(report).Single();
        // The list shows "Tatt til orientering" as a neutral tag, whose border is the neutral tone's colour.
        var css = File.ReadAllText(Path.Combine(RepositoryRoot(), "Helsefellesskap.App", "wwwroot", "app.css"));
        Assert.Contains($".status-neutral {{ color: #333; border-color: {slice.Colour};", css);
    }

    [Theory]
    [InlineData(Tone.Good)]
    [InlineData(Tone.Pending)]
    [InlineData(Tone.Bad)]
    [InlineData(Tone.Neutral)]
    public void Every_tone_reads_with_enough_contrast_and_its_chart_colour_is_its_tag_border(Tone tone)
    {
        var css = File.ReadAllText(Path.Combine(RepositoryRoot(), "Helsefellesskap.App", "wwwroot", "app.css"));
        var rule = Regex.Match(css, $@"\.{tone.Css()} \{{ color: (#[0-9a-f]+); border-color: (#[0-9a-f]+); background: (#[0-9a-f]+); \}}");
        Assert.True(rule.Success, $"app.css har ingen regel for .{tone.Css()}");
        var (text, border, background) = (rule.Groups[1].Value, rule.Groups[2].Value, rule.Groups[3].Value);

        Assert.Equal(tone.Colour(), border);
        Assert.True(Contrast(text, background) >= 4.5, $"{tone}: tekst {text} på {background} gir {Contrast(text, background):0.0}:1");
        Assert.True(Contrast(border, "#ffffff") >= 3, $"{tone}: {border} mot hvitt gir {Contrast(border, "#ffffff"):0.0}:1");
    }

    [Fact]
    public void Every_outcome_and_status_has_a_tone()
    {
        Assert.All(Enum.GetValues<Outcome>(), o => Tones.Of(o));
        Assert.All(Enum.GetValues<CaseStatus>(), s => Tones.Of(s));
        Assert.All(Enum.GetValues<RatificationStatus>(), s => Tones.Of(s));
        Assert.All(Enum.GetValues<Helsefellesskap.Domain.FollowUp.FollowUpStatus>(), s => Tones.Of(s));
    }

    // WCAG 2 contrast ratio of two sRGB colours written #rgb or #rrggbb.
    private static double Contrast(string a, string b)
    {
        var (la, lb) = (Luminance(a), Luminance(b));
        return (Math.Max(la, lb) + 0.05) / (Math.Min(la, lb) + 0.05);
    }

    private static double Luminance(string hex)
    {
        var h = hex.TrimStart('#');
        if (h.Length == 3) h = string.Concat(h.Select(c => $"{c}{c}"));
        double Channel(int i)
        {
            var c = int.Parse(h.Substring(i * 2, 2), NumberStyles.HexNumber) / 255.0;
            return c <= 0.03928 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * Channel(0) + 0.7152 * Channel(1) + 0.0722 * Channel(2);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Helsefellesskap.sln"))) return dir.FullName;
        throw new InvalidOperationException("Fant ikke Helsefellesskap.sln over testkatalogen.");
    }
}

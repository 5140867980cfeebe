using System.Text;
using DocumentFormat.OpenXml.Packaging;
using Helsefellesskap.App.Features.AnnualReport;
using Helsefellesskap.Domain.Cases;
using Helsefellesskap.Tests.Infrastructure;

namespace Helsefellesskap.Tests.AnnualReport;

/// <summary>The annual report's figures against the demo data: SSU held three meetings in 2026 and treated five cases.</summary>
public sealed class AnnualReportSpecs(DemoDatabaseTemplate template) : ServiceSpec(template)
{
    /// <summary>The report as the secretariat reads it: every case with its title.</summary>
    private async Task<AnnualReportData?> Report(string body = "SSU", int year = 2026)
    {
        await As("mari.hovde");
        return await Service<AnnualReportQueries>().BuildAsync(body, year);
    }

    [Fact]
    public async Task SSU_2026_counts_its_held_meetings_and_the_cases_it_treated()
    {
        var r = (await Report())!;

        Assert.Equal("Strategisk samarbeidsutvalg", r.BodyName);
        Assert.Equal(3, r.MeetingsHeld);
        Assert.Equal(6, r.CasesTreated);
    }

    [Fact]
    public async Task Decisions_are_counted_by_the_outcome_the_domain_computes()
    {
        var r = (await Report())!;

        Assert.Equal(
            [(Outcome.Binding, 2), (Outcome.AdoptedPendingRatification, 2), (Outcome.NoConsensus, 1), (Outcome.Noted, 1)],
            r.DecisionsByOutcome.Select(o => (o.Key, o.Value)));
        Assert.Equal(["SSU-sak 001/2026", "SSU-sak 002/2026", "SSU-sak 003/2026", "SSU-sak 004/2026", "SSU-sak 005/2026", "SSU-sak 009/2026"], r.Decisions.Select(d => d.Number));
        Assert.Equal(new DateOnly(2026, 9, 16), r.Decisions[^1].MeetingDate);
    }

    [Fact]
    public async Task The_consensus_rate_leaves_out_cases_taken_for_information()
    {
        var r = (await Report())!;

        Assert.Equal(5, r.DecidedCount);
        Assert.Equal(0.8, r.ConsensusRate);
        Assert.Equal("80 % (4 av 5)", ReportText.Consensus(r));
    }

    [Fact]
    public async Task The_median_time_from_draft_to_decision_is_in_days()
    {
        // Drafted 1 December 2025, decided after 51, 107, 191 and 191 days; the heart failure routine drafted and decided the same day.
        var r = (await Report())!;

        Assert.Equal(107, r.MedianDaysToDecision);
        Assert.Equal(2.5, AnnualReportQueries.Median([4, 1, 3, 2]));
        Assert.Null(AnnualReportQueries.Median([]));
    }

    [Fact]
    public async Task Ratification_and_follow_up_are_summed_over_the_years_decisions()
    {
        var r = (await Report())!;

        Assert.Equal(2, r.DecisionsPendingRatification);
        Assert.Equal([(RatificationStatus.Sent, 12), (RatificationStatus.UnderTreatment, 3), (RatificationStatus.Ratified, 35)],
            r.Ratifications.Select(x => (x.Key, x.Value)));
        Assert.Equal(new FollowUpFigures(NotStarted: 1, InProgress: 2, Completed: 1, Cancelled: 0, Overdue: 1), r.FollowUp);
    }

    [Fact]
    public async Task Another_body_and_year_have_their_own_figures()
    {
        var pm = (await Report("pm"))!;
        Assert.Equal((1, 1, 1.0), (pm.MeetingsHeld, pm.CasesTreated, pm.ConsensusRate!.Value));

        var empty = (await Report(year: 2025))!;
        Assert.Equal((0, 0, 0), (empty.MeetingsHeld, empty.CasesTreated, empty.Decisions.Count));
        Assert.Null(empty.ConsensusRate);
        Assert.Null(await Report("finnes-ikke"));
    }

    [Fact]
    public async Task The_Word_document_names_the_body_and_year_and_lists_every_decision()
    {
        var r = (await Report())!;

        using var document = WordprocessingDocument.Open(new MemoryStream(AnnualReportDocument.Create(r)), false);
        var text = document.MainDocumentPart!.Document!.Body!.InnerText;

        Assert.Contains("Årsrapport 2026", text);
        Assert.Contains("Strategisk samarbeidsutvalg (SSU)", text);
        Assert.Contains("80 % (4 av 5)", text);
        Assert.All(r.Decisions, d => Assert.Contains(d.Title, text));
        Assert.Equal("Årsrapport SSU 2026.docx", ReportText.WordFileName(r));
        // Word refuses or "repairs" a file that breaks the schema; the validator finds that before a council does.
        var errors = new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public async Task The_CSV_is_semicolon_separated_UTF8_with_a_byte_order_mark()
    {
        var r = (await Report())!;

        var bytes = AnnualReportCsv.Create(r);

        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Saksnummer;Tittel;Møtedato;Utfall;Prinsipiell;Vedtak", lines[0]);
        Assert.StartsWith("SSU-sak 003/2026;Pasientforløp for personer med kols i Innlandet;18.03.2026;Vedtatt med forbehold om lokal forankring;ja;", lines[3]);
        // The wording is there as plain text, without Markdown marks.
        Assert.All(lines.Skip(1), l => Assert.True(l.Split(';').Length >= 6 && !l.Contains("**"), l));
        Assert.Equal(7, lines.Length);
    }

    [Fact]
    public async Task The_Word_document_leaves_out_characters_XML_cannot_hold()
    {
        // A title saved before the domain refused control characters must not make the document fail.
        var r = (await Report())!;
        r = r with { Decisions = [r.Decisions[0] with { Title = "Med\vvertikal tabulator og \u0001 styretegn" }, .. r.Decisions.Skip(1)] };

        using var document = WordprocessingDocument.Open(new MemoryStream(AnnualReportDocument.Create(r)), false);

        Assert.Contains("Med vertikal tabulator og  styretegn", document.MainDocumentPart!.Document!.Body!.InnerText);
    }
}

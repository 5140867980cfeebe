using Helsefellesskap.App.Shared.Markdown;
using Helsefellesskap.Domain;
using Helsefellesskap.Domain.FollowUp;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Helsefellesskap.App.Features.AnnualReport;

/// <summary>
/// The annual report as a Word document for the municipal councils and the hospital's board: title, body and
/// year, the figures, and every decision of the year, in Norwegian. Headings use Word's own heading styles, so
/// the document has a navigable outline and reads well with a screen reader.
/// </summary>
public static class AnnualReportDocument
{
    public static byte[] Create(AnnualReportData r, IProgress<string>? progress = null)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            AddStyles(main);
            document.PackageProperties.Title = $"Årsrapport {r.Year} – {r.BodyName}";
            document.PackageProperties.Language = "nb-NO";
            var body = new Body();
            main.Document = new Document(body);

            progress?.Report("Skriver nøkkeltallene");
            body.Append(Para($"Årsrapport {r.Year}", "Title"));
            body.Append(Para($"{r.BodyName} ({r.BodyShortName}) – {r.PartnershipName}", "Subtitle"));
            body.Append(Para($"Rapporten oppsummerer møter, saker og vedtak i {r.BodyName} i {r.Year}, og hvordan vedtakene er " +
                "forankret lokalt og fulgt opp. Den sendes til kommunestyrene og styret i Sykehuset Innlandet HF."));

            body.Append(Para("Nøkkeltall", "Heading1"));
            body.Append(Table(["Nøkkeltall", "Verdi"],
            [
                ["Møter holdt", r.MeetingsHeld.ToString()],
                ["Saker behandlet", r.CasesTreated.ToString()],
                ["Saker der partene tok stilling", r.DecidedCount.ToString()],
                ["Konsensusandel", ReportText.Consensus(r)],
                ["Median tid fra utkast til vedtak", ReportText.Days(r.MedianDaysToDecision)],
            ]));

            body.Append(Para("Vedtak etter utfall", "Heading1"));
            body.Append(Table(["Utfall", "Antall"], r.DecisionsByOutcome.Select(o => new[] { o.Key.Label(), o.Value.ToString() })));

            body.Append(Para("Lokal forankring", "Heading1"));
            body.Append(Para(r.DecisionsPendingRatification == 0 ? "Ingen vedtak i året krevde lokal forankring."
                : $"{r.DecisionsPendingRatification} vedtak krevde lokal forankring, med {r.RatificationItems} forankringer i alt."));
            if (r.RatificationItems > 0)
                body.Append(Table(["Status", "Antall"], r.Ratifications.Select(x => new[] { x.Key.Label(), x.Value.ToString() })));

            body.Append(Para("Oppfølging", "Heading1"));
            var f = r.FollowUp;
            body.Append(Para(f.Total == 0 ? "Ingen oppfølgingstiltak er registrert for årets vedtak."
                : $"Årets vedtak har {f.Total} oppfølgingstiltak. {f.Overdue} av dem har passert fristen."));
            if (f.Total > 0)
                body.Append(Table(["Status", "Antall"],
                [
                    [FollowUpStatus.NotStarted.Label(), f.NotStarted.ToString()], [FollowUpStatus.InProgress.Label(), f.InProgress.ToString()],
                    [FollowUpStatus.Completed.Label(), f.Completed.ToString()], [FollowUpStatus.Cancelled.Label(), f.Cancelled.ToString()],
                    ["Forfalt (av de åpne)", f.Overdue.ToString()],
                ]));

            progress?.Report("Skriver vedtakslisten");
            body.Append(Para("Vedtakene", "Heading1"));
            body.Append(Table(["Saksnummer", "Tittel", "Møtedato", "Utfall"],
                r.Decisions.Select(d => new[] { d.Number, d.Title, ReportText.Date(d.MeetingDate), d.Outcome.Label() })));
            // The wordings in full, as plain text: a council member reads them on paper, where Markdown would be noise.
            body.Append(Para("Ordlyden i vedtakene", "Heading1"));
            foreach (var d in r.Decisions.Where(d => d.Wording.Length > 0))
            {
                body.Append(Para($"{d.Number} {d.Title}", "Heading2"));
                foreach (var line in MarkdownRenderer.ToPlainText(d.Wording).Split('\n', StringSplitOptions.RemoveEmptyEntries))
                    body.Append(Para(line));
            }
            body.Append(new SectionProperties(new PageSize { Width = 11906, Height = 16838 },
                new PageMargin { Top = 1418, Bottom = 1418, Left = 1418, Right = 1418, Header = 708, Footer = 708 }));
            main.Document.Save();
        }
        return stream.ToArray();
    }

    /// <summary>
    /// XML 1.0 cannot hold most control characters; a title saved before the domain refused them must not make the
    /// document fail, so they are left out (tabs and line breaks become spaces).
    /// </summary>
    public static string XmlSafe(string text)
    {
        if (text.All(System.Xml.XmlConvert.IsXmlChar) && !text.Any(char.IsControl)) return text;
        var kept = new System.Text.StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                kept.Append(c).Append(text[++i]);
            }
            else if (c is '\t' or '\n' or '\r' or '\v' or '\f') kept.Append(' ');
            else if (System.Xml.XmlConvert.IsXmlChar(c) && !char.IsControl(c)) kept.Append(c);
        }
        return kept.ToString();
    }

    private static Paragraph Para(string text, string? style = null)
    {
        var paragraph = new Paragraph(new Run(new Text(XmlSafe(text)) { Space = SpaceProcessingModeValues.Preserve }));
        if (style is not null) paragraph.PrependChild(new ParagraphProperties(new ParagraphStyleId { Val = style }));
        return paragraph;
    }

    private static Table Table(string[] headers, IEnumerable<string[]> rows)
    {
        var border = () => new TableBorders(
            new TopBorder { Val = BorderValues.Single, Size = 4 }, new LeftBorder { Val = BorderValues.Single, Size = 4 },
            new BottomBorder { Val = BorderValues.Single, Size = 4 }, new RightBorder { Val = BorderValues.Single, Size = 4 },
            new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 }, new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 });
        // Schema order: properties (width before borders), then the grid, then the rows.
        var table = new Table(new TableProperties(new TableWidth { Type = TableWidthUnitValues.Pct, Width = "5000" }, border()),
            new TableGrid(headers.Select(_ => new GridColumn { Width = (9000 / headers.Length).ToString() })));
        // The header row repeats on every page and is marked as a header for screen readers.
        var head = new TableRow(new TableRowProperties(new TableHeader()));
        head.Append(headers.Select(h => Cell(h, bold: true)));
        table.Append(head);
        foreach (var row in rows) table.Append(new TableRow(row.Select(c => Cell(c))));
        return table;
    }

    private static TableCell Cell(string text, bool bold = false)
    {
        var run = new Run(new Text(XmlSafe(text)) { Space = SpaceProcessingModeValues.Preserve });
        if (bold) run.PrependChild(new RunProperties(new Bold()));
        return new TableCell(new Paragraph(run));
    }

    private static void AddStyles(MainDocumentPart main)
    {
        var part = main.AddNewPart<StyleDefinitionsPart>();
        Style Heading(string id, string name, string size, int level, bool bold = true) => new(
            new StyleName { Val = name }, new BasedOn { Val = "Normal" }, new NextParagraphStyle { Val = "Normal" }, new PrimaryStyle(),
            new StyleParagraphProperties(new SpacingBetweenLines { Before = "240", After = "120" }, new OutlineLevel { Val = level }),
            new StyleRunProperties(bold ? new Bold() : new Italic(), new FontSize { Val = size }))
        { Type = StyleValues.Paragraph, StyleId = id };
        part.Styles = new Styles(
            new DocDefaults(new RunPropertiesDefault(new RunPropertiesBaseStyle(
                new RunFonts { Ascii = "Calibri", HighAnsi = "Calibri" }, new FontSize { Val = "22" }, new Languages { Val = "nb-NO" })),
                new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(new SpacingBetweenLines { After = "120" }))),
            new Style(new StyleName { Val = "Normal" }, new PrimaryStyle()) { Type = StyleValues.Paragraph, StyleId = "Normal", Default = true },
            Heading("Title", "Title", "48", 0),
            Heading("Subtitle", "Subtitle", "28", 9, bold: false),
            Heading("Heading1", "heading 1", "32", 0),
            Heading("Heading2", "heading 2", "26", 2));
        // The title is the document's top level; sections are level 1 under it.
        part.Styles.Elements<Style>().Single(s => s.StyleId == "Heading1").StyleParagraphProperties!.OutlineLevel!.Val = 1;
        part.Styles.Elements<Style>().Single(s => s.StyleId == "Subtitle").StyleParagraphProperties!.OutlineLevel!.Remove();
    }
}

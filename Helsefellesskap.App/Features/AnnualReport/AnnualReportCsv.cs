using Helsefellesskap.App.Shared.Markdown;
using Helsefellesskap.Domain;
using System.Text;

namespace Helsefellesskap.App.Features.AnnualReport;

/// <summary>
/// The year's decisions as CSV the way Excel in Norway opens it: semicolons (the comma is the decimal sign),
/// UTF-8 with a byte order mark so æ, ø and å survive.
/// </summary>
public static class AnnualReportCsv
{
    public static byte[] Create(AnnualReportData report)
    {
        var text = new StringBuilder();
        text.Append("Saksnummer;Tittel;Møtedato;Utfall;Prinsipiell;Vedtak\r\n");
        foreach (var d in report.Decisions)
            text.Append(string.Join(';', Field(d.Number), Field(d.Title), ReportText.Date(d.MeetingDate), Field(d.Outcome.Label()),
                d.IsPrincipled ? "ja" : "nei", Field(MarkdownRenderer.ToPlainText(d.Wording)))).Append("\r\n");
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    /// <summary>Quoted when it holds a separator, a quote or a line break; a leading = + - @ is defused so Excel shows it as text.</summary>
    private static string Field(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@') value = "'" + value;
        return value.IndexOfAny([';', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }
}

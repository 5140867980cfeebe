using Helsefellesskap.Domain.Cases;

namespace Helsefellesskap.App.Features.AnnualReport;

/// <summary>The report's figures in the words and number formats a Norwegian reader expects, the same on the page and in the files.</summary>
public static class ReportText
{
    public static string Percent(double? share) => share is { } s ? (s * 100).ToString("0", Norwegian.Culture) + " %" : "–";

    public static string Days(double? days) => days is { } d ? d.ToString("0.#", Norwegian.Culture) + " dager" : "–";

    public static string Date(DateOnly day) => day.ToString("dd.MM.yyyy", Norwegian.Culture);

    public static int Agreed(AnnualReportData r) =>
        r.DecidedCount - r.DecisionsByOutcome.Where(o => o.Key == Outcome.NoConsensus).Sum(o => o.Value);

    public static string Consensus(AnnualReportData r) => r.DecidedCount == 0 ? "Ingen saker der partene tok stilling"
        : $"{Percent(r.ConsensusRate)} ({Agreed(r)} av {r.DecidedCount})";

    public static string WordFileName(AnnualReportData r) => $"Årsrapport {r.BodyShortName} {r.Year}.docx";

    public static string CsvFileName(AnnualReportData r) => $"Vedtak {r.BodyShortName} {r.Year}.csv";
}

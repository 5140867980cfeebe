using Helsefellesskap.Domain;
using Helsefellesskap.App.Shared;
using Helsefellesskap.Domain.Cases;
using Helsefellesskap.Domain.FollowUp;

namespace Helsefellesskap.App.Features.AnnualReport;

/// <summary>The report's counts as the page shows them: labelled, coloured by what they mean, with a sentence each.</summary>
public static class ReportFigures
{
    public static string RatificationSummary(AnnualReportData report) => report.DecisionsPendingRatification == 0 ? "Ingen av årets vedtak krevde lokal forankring."
        : $"{report.DecisionsPendingRatification} vedtak krevde lokal forankring: {report.Ratifications.Where(r => r.Key is RatificationStatus.Ratified or RatificationStatus.RatifiedWithChanges).Sum(r => r.Value)} av {report.RatificationItems} forankringer er på plass.";

    public static string FollowUpSummary(AnnualReportData report) => report.FollowUp.Total == 0 ? "Ingen oppfølgingstiltak er registrert for årets vedtak."
        : $"{report.FollowUp.Total} tiltak, {report.FollowUp.Overdue} forfalt.";

    public static IReadOnlyList<FigureRow> Outcomes(AnnualReportData report) =>
        report.DecisionsByOutcome.Select(o => new FigureRow(o.Key.Label(), o.Value, Tones.Of(o.Key))).ToList();

    public static IReadOnlyList<FigureRow> Ratifications(AnnualReportData report) =>
        report.Ratifications.Select(r => new FigureRow(r.Key.Label(), r.Value, Tones.Of(r.Key))).ToList();

    public static IReadOnlyList<FigureRow> FollowUp(AnnualReportData report) =>
    [
        Row(FollowUpStatus.NotStarted, report.FollowUp.NotStarted), Row(FollowUpStatus.InProgress, report.FollowUp.InProgress),
        Row(FollowUpStatus.Completed, report.FollowUp.Completed), Row(FollowUpStatus.Cancelled, report.FollowUp.Cancelled),
        new("Forfalt (av de åpne)", report.FollowUp.Overdue, Tones.Of(FollowUpStatus.InProgress, overdue: true), InChart: false),
    ];

    private static FigureRow Row(FollowUpStatus status, int count) => new(status.Label(), count, Tones.Of(status));
}

using Helsefellesskap.Domain;
using Helsefellesskap.Domain.Cases;

namespace Helsefellesskap.App.Features.AnnualReport;

/// <summary>The report's counts as the page shows them: labelled, coloured by what they mean, with a sentence each.</summary>
public static class ReportFigures
{
    public static string RatificationSummary(AnnualReportData report) => report.DecisionsPendingRatification == 0 ? "Ingen av årets vedtak krevde lokal forankring."
        : $"{report.DecisionsPendingRatification} vedtak krevde lokal forankring: {report.Ratifications.Where(r => r.Key is RatificationStatus.Ratified or RatificationStatus.RatifiedWithChanges).Sum(r => r.Value)} av {report.RatificationItems} forankringer er på plass.";

    public static string FollowUpSummary(AnnualReportData report) => report.FollowUp.Total == 0 ? "Ingen oppfølgingstiltak er registrert for årets vedtak."
        : $"{report.FollowUp.Total} tiltak, {report.FollowUp.Overdue} forfalt.";

    public static IReadOnlyList<FigureRow> Outcomes(AnnualReportData report) => report.DecisionsByOutcome.Select(o => new FigureRow(o.Key.Label(), o.Value, o.Key switch
    {
        Outcome.Binding or Outcome.Recommendation or Outcome.Advice => FigureRow.Green,
        Outcome.AdoptedPendingRatification or Outcome.SentBack => FigureRow.Amber,
        Outcome.Noted => FigureRow.Blue,
        _ => FigureRow.Red,
    })).ToList();

    public static IReadOnlyList<FigureRow> Ratifications(AnnualReportData report) => report.Ratifications.Select(r => new FigureRow(r.Key.Label(), r.Value, r.Key switch
    {
        RatificationStatus.Ratified or RatificationStatus.RatifiedWithChanges => FigureRow.Green,
        RatificationStatus.Sent => FigureRow.Blue,
        RatificationStatus.UnderTreatment => FigureRow.Amber,
        RatificationStatus.NotSent => FigureRow.Grey,
        RatificationStatus.NotTreated => FigureRow.Purple,
        _ => FigureRow.Red,
    })).ToList();

    public static IReadOnlyList<FigureRow> FollowUp(AnnualReportData report) =>
    [
        new("Ikke startet", report.FollowUp.NotStarted, FigureRow.Grey), new("Pågår", report.FollowUp.InProgress, FigureRow.Amber),
        new("Fullført", report.FollowUp.Completed, FigureRow.Green), new("Avbrutt", report.FollowUp.Cancelled, FigureRow.Blue),
        new("Forfalt (av de åpne)", report.FollowUp.Overdue, FigureRow.Red, InChart: false),
    ];
}

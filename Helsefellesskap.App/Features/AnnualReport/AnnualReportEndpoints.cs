namespace Helsefellesskap.App.Features.AnnualReport;

/// <summary>The annual report as files: Word for the councils and the board, CSV of the decisions. Signed-in users only.</summary>
public static class AnnualReportEndpoints
{
    public const string WordContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public static string WordUrl(string bodyShortName, int year) => $"/arsrapport/{bodyShortName.ToLowerInvariant()}/{year}/word";

    public static string CsvUrl(string bodyShortName, int year) => $"/arsrapport/{bodyShortName.ToLowerInvariant()}/{year}/csv";

    public static IEndpointRouteBuilder MapAnnualReportEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/arsrapport/{body}/{year:int:range(2000,2100)}").RequireAuthorization();
        group.MapGet("/word", async (string body, int year, AnnualReportQueries queries, System.Security.Claims.ClaimsPrincipal user, CancellationToken cancellationToken) =>
            await queries.BuildAsync(body, year, cancellationToken: cancellationToken, readerUserId: ReaderId(user)) is { } report
                ? Results.File(AnnualReportDocument.Create(report), WordContentType, ReportText.WordFileName(report))
                : Results.NotFound());
        group.MapGet("/csv", async (string body, int year, AnnualReportQueries queries, System.Security.Claims.ClaimsPrincipal user, CancellationToken cancellationToken) =>
            await queries.BuildAsync(body, year, cancellationToken: cancellationToken, readerUserId: ReaderId(user)) is { } report
                ? Results.File(AnnualReportCsv.Create(report), "text/csv; charset=utf-8", ReportText.CsvFileName(report))
                : Results.NotFound());
        return app;
    }

    /// <summary>The downloads run outside a circuit, so the report is built for the user the request names.</summary>
    private static string ReaderId(System.Security.Claims.ClaimsPrincipal user) =>
        user.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value ?? "";
}

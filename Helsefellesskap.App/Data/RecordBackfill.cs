using Helsefellesskap.App.Features.Meetings.Documents;
using Helsefellesskap.Domain.Meetings;
using Microsoft.EntityFrameworkCore;

namespace Helsefellesskap.App.Data;

/// <summary>
/// Brings records made before the app stored them up to date, where missing, at every start: the outcome each
/// closed treatment had when its body closed it, and the approved document of minutes approved before the app
/// froze minutes at approval. Running it again changes nothing.
/// </summary>
public static class RecordBackfill
{
    public static async Task RunAsync(IServiceProvider services)
    {
        var dbFactory = services.GetRequiredService<IDbContextFactory<AppDbContext>>();
        await RecordOutcomesAtCloseAsync(dbFactory);
        await FreezeApprovedMinutesAsync(dbFactory, services.GetRequiredService<MeetingDocuments>());
    }

    private static async Task RecordOutcomesAtCloseAsync(IDbContextFactory<AppDbContext> dbFactory)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var cases = await db.Cases.WithRecord().Where(c => c.Treatments.Any(t => t.ClosedAt != null && t.OutcomeAtClose == null)).ToListAsync();
        var recorded = 0;
        foreach (var treatment in cases.SelectMany(c => c.Treatments))
            if (treatment.RecordOutcomeAtCloseWhereMissing()) recorded++;
        if (recorded == 0) return;
        db.SkipAudit = true;
        db.AuditAction = $"Oppgradering: utfallet ved avslutning registrert for {recorded} eldre behandlinger";
        await db.SaveChangesAsync();
    }

    // After the outcomes: the frozen minutes show the outcome each treatment had when it was closed.
    private static async Task FreezeApprovedMinutesAsync(IDbContextFactory<AppDbContext> dbFactory, MeetingDocuments documents)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var meetings = await db.Meetings
            .Where(m => m.Status == MeetingStatus.MinutesApproved && !db.ApprovedMinutes.Any(a => a.MeetingId == m.Id))
            .ToListAsync();
        if (meetings.Count == 0) return;
        foreach (var meeting in meetings)
            db.ApprovedMinutes.Add(meeting.FreezeApprovedMinutesAtUpgrade(await documents.RenderAsApprovedAsync(meeting.Id)));
        db.SkipAudit = true;
        db.AuditAction = $"Oppgradering: {meetings.Count} godkjente protokoller fryst slik de så ut ved oppgraderingen";
        await db.SaveChangesAsync();
    }
}

using Helsefellesskap.Domain.Cases;
using Helsefellesskap.Domain.Meetings;
using Microsoft.EntityFrameworkCore;

namespace Helsefellesskap.App.Data;

/// <summary>
/// What a query loads of an aggregate's growing collections. Nothing that grows with use is auto-included: a case's
/// proposal versions, treatments, attachments and addenda, a treatment's wordings, positions, ratifications and
/// required parties, a meeting's remarks and corrections. A query that needs them says so with one of these; the
/// busiest commands (a position registration) load a narrower slice themselves.
/// </summary>
public static class AggregateLoading
{
    /// <summary>
    /// The whole case: what its rules, its status (projected for the register when it is saved) and its page read.
    /// Every command that changes a case loads it so, unless it loads exactly the slice its rules need.
    /// </summary>
    public static IQueryable<Case> WithRecord(this IQueryable<Case> cases) =>
        cases.Include(c => c.ProposalVersions)
            .Include(c => c.Attachments)
            .Include(c => c.Addenda)
            .Include(c => c.Treatments).ThenInclude(t => t.Wordings)
            .Include(c => c.Treatments).ThenInclude(t => t.Positions)
            .Include(c => c.Treatments).ThenInclude(t => t.Ratifications)
            .Include("Treatments._requiredParties");

    /// <summary>Treatments with their wordings, positions, ratifications and the parties that must agree.</summary>
    public static IQueryable<Treatment> WithTreatmentRows(this IQueryable<Treatment> treatments) =>
        treatments.Include(t => t.Wordings)
            .Include(t => t.Positions)
            .Include(t => t.Ratifications)
            .Include("_requiredParties");

    /// <summary>A meeting with what its minutes hold beyond the agenda and attendance: the remarks and the corrections.</summary>
    public static IQueryable<Meeting> WithMinutes(this IQueryable<Meeting> meetings) =>
        meetings.Include(m => m.Remarks).Include(m => m.Corrections);

    /// <summary>A meeting with the remarks the meeting room shows under each item (no corrections: they come after).</summary>
    public static IQueryable<Meeting> WithRemarks(this IQueryable<Meeting> meetings) =>
        meetings.Include(m => m.Remarks);
}

using Helsefellesskap.Domain.Cases;
using Helsefellesskap.Domain.Partnerships;

namespace Helsefellesskap.App.Features.Ratifications;

/// <summary>One party's ratification as a page shows it.</summary>
public sealed record RatificationItemView(Guid PartyId, string PartyName, RatificationStatus Status, string? LocalBody,
    string? LocalReference, DateOnly? MeetingDate, string? Link, DateOnly? Deadline, string? Comment,
    DateTimeOffset? RecordedAt, bool IsRatified, bool IsLate, bool MayRecord)
{
    public RatificationEntry Entry => new(Status, LocalBody, LocalReference, MeetingDate, Link, Deadline, Comment);
}

/// <summary>The items of one health region (or of the hospital), with how many have ratified.</summary>
public sealed record RatificationGroup(string Name, IReadOnlyList<RatificationItemView> Items)
{
    public int Ratified => Items.Count(i => i.IsRatified);
}

/// <summary>How far the local ratification of one decision has come: "forankret i 38 av 43", by region, with who is late.</summary>
public sealed record RatificationBoard(IReadOnlyList<RatificationGroup> Groups)
{
    private IEnumerable<RatificationItemView> Items => Groups.SelectMany(g => g.Items);

    public int Total => Items.Count();
    public int Ratified => Items.Count(i => i.IsRatified);
    public IReadOnlyList<RatificationItemView> Late => Items.Where(i => i.IsLate).ToList();
    public IReadOnlyList<RatificationItemView> Rejected => Items.Where(i => i.Status == RatificationStatus.Rejected).ToList();
    public IReadOnlyList<RatificationItemView> Recordable => Items.Where(i => i.MayRecord).ToList();

    public string Summary => $"Forankret i {Ratified} av {Total}";

    private static readonly StringComparer ByName = StringComparer.Create(Norwegian.Culture, false);

    /// <summary>The hospital first, then each health region with its municipalities, by name.</summary>
    public static RatificationBoard Of(Treatment treatment, IReadOnlyDictionary<Guid, Party> parties, DateOnly today,
        Func<Guid, bool> mayRecord)
    {
        var items = treatment.Ratifications.Select(r => new RatificationItemView(r.PartyId, parties[r.PartyId].Name, r.Status,
            r.LocalBody, r.LocalReference, r.TreatedOn, r.Link, r.Deadline, r.Comment, r.RecordedAt, r.IsRatified,
            r.IsLateOn(today), mayRecord(r.PartyId)));
        var groups = items
            .GroupBy(i => parties[i.PartyId] is { RegionId: { } region } ? parties[region].Name : parties[i.PartyId].Name)
            .Select(g => new RatificationGroup(g.Key, g.OrderBy(i => i.PartyName, ByName).ToList()))
            .OrderBy(g => g.Items.Any(i => parties[i.PartyId].Kind == PartyKind.HospitalTrust) ? 0 : 1)
            .ThenBy(g => g.Name, ByName)
            .ToList();
        return new RatificationBoard(groups);
    }
}

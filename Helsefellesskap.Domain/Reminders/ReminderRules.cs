namespace Helsefellesskap.Domain.Reminders;

/// <summary>
/// How long before (or after) a date each kind of reminder goes out, set per body: by default 7 and 1 days before a
/// meeting, 14 days before a ratification deadline and the day after it, and 7 days before a follow-up deadline.
/// </summary>
public sealed record LeadTimes(IReadOnlyList<int> DaysBeforeMeeting, int RatificationDaysBefore, int RatificationDaysAfter, int FollowUpDaysBefore)
{
    public static LeadTimes Default { get; } = new([7, 1], 14, 1, 7);

    /// <summary>"7,1" as stored and typed; refuses what is not a list of whole days between 0 and 90.</summary>
    public static IReadOnlyList<int> ParseDays(string? text)
    {
        var parts = (text ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var days = new List<int>();
        foreach (var part in parts)
        {
            DomainException.ThrowIf(!int.TryParse(part, out var day) || day is < 0 or > 90,
                "Varslingsdager må være hele dager mellom 0 og 90, skilt med komma (f.eks. «7, 1»).");
            days.Add(day);
        }
        return days.Distinct().OrderDescending().ToList();
    }

    /// <summary>One lead time as typed in a field named <paramref name="field"/>: a whole number of days between 0 and 90.</summary>
    public static int ParseDay(string? text, string field)
    {
        DomainException.ThrowIf(!int.TryParse((text ?? "").Trim(), out var day) || day is < 0 or > 90,
            $"«{field}» må være et helt antall dager mellom 0 og 90.");
        return day;
    }

    public static string FormatDays(IEnumerable<int> days) => string.Join(",", days.Distinct().OrderDescending());
}

public enum ReminderKind { PositionMissing, Ratification, FollowUp, MinutesApproval }

/// <summary>
/// Something that waits for a person by a day: their party's position before the body's next meeting, a
/// ratification by its deadline, an action by its deadline, minutes to approve before the next meeting.
/// </summary>
public sealed record ReminderFact(ReminderKind Kind, Guid SubjectId, Guid PersonId, DateOnly DueBy, string Text, LeadTimes LeadTimes)
{
    public IReadOnlyList<int> DaysBefore => Kind switch
    {
        ReminderKind.Ratification => [LeadTimes.RatificationDaysBefore],
        ReminderKind.FollowUp => [LeadTimes.FollowUpDaysBefore],
        _ => LeadTimes.DaysBeforeMeeting,
    };

    public int? DaysAfter => Kind == ReminderKind.Ratification ? LeadTimes.RatificationDaysAfter : null;
}

/// <summary>A reminder due today; <see cref="Key"/> names it (fact, date and lead time), so it is sent once only.</summary>
public sealed record DueReminder(ReminderFact Fact, string Key);

/// <summary>Everything due for one person on one day, in one e-mail.</summary>
public sealed record Digest(Guid PersonId, DateOnly Day, IReadOnlyList<DueReminder> Reminders);

/// <summary>When reminders are due, as pure functions of the day and the facts.</summary>
public static class ReminderRules
{
    /// <summary>
    /// A reminder is due from its lead time until the date itself; when two lead times have both passed (the worker
    /// did not run for some days) only the nearest is due, so a person is not told twice at once. After the date
    /// only a reminder that asks for one after it (a late ratification) is due.
    /// </summary>
    public static DueReminder? DueOn(ReminderFact fact, DateOnly today)
    {
        var key = $"{fact.Kind}/{fact.SubjectId}/{fact.PersonId}/{fact.DueBy:yyyy-MM-dd}";
        if (today > fact.DueBy)
            return fact.DaysAfter is { } after && today >= fact.DueBy.AddDays(after) ? new DueReminder(fact, $"{key}/etter") : null;
        var passed = fact.DaysBefore.Where(days => today >= fact.DueBy.AddDays(-days)).ToList();
        return passed.Count == 0 ? null : new DueReminder(fact, $"{key}/{passed.Min()}");
    }

    /// <summary>
    /// One digest per person with anything due today that was not sent before, except for those who have had
    /// their digest today already: at most one e-mail per person per day. What waits is due again tomorrow.
    /// </summary>
    public static IReadOnlyList<Digest> Digests(DateOnly today, IEnumerable<ReminderFact> facts, IReadOnlySet<string> alreadySent,
        IReadOnlySet<Guid> hadDigestToday) =>
        facts
            .Select(fact => DueOn(fact, today))
            .OfType<DueReminder>()
            .Where(due => !alreadySent.Contains(due.Key) && !hadDigestToday.Contains(due.Fact.PersonId))
            .DistinctBy(due => due.Key)
            .GroupBy(due => due.Fact.PersonId)
            .Select(person => new Digest(person.Key, today, person.OrderBy(d => d.Fact.DueBy).ThenBy(d => d.Fact.Kind).ToList()))
            .ToList();
}

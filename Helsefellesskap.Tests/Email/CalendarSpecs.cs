using System.Text;
using Helsefellesskap.App.Features.Email;

namespace Helsefellesskap.Tests.Email;

/// <summary>The hand-written iCalendar: line endings, folding, escaping, and what a calendar parser reads back.</summary>
public class CalendarSpecs
{
    private static readonly Guid MeetingId = Guid.Parse("6f1c2a7e-0000-4000-8000-000000000001");

    private static string Invitation(string description, bool cancelled = false) => MeetingCalendar.Write(
        new CalendarMeeting(MeetingId, 3, "Møte i Strategisk samarbeidsutvalg", new DateTimeOffset(2026, 7, 1, 7, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2026, 7, 1, 10, 0, 0, TimeSpan.Zero), "Hamar rådhus; sal 2, 3. etasje", description, "https://hf.eksempel.no/moter/1", cancelled),
        "REQUEST", new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero), "Helsefellesskap Innlandet", "sekretariat@eksempel.no",
        [("Kari Nordmann", "kari@eksempel.no")]);

    [Fact]
    public void Every_line_ends_in_crlf_and_no_line_is_longer_than_75_octets_even_with_norwegian_letters()
    {
        var ics = Invitation(string.Concat(Enumerable.Repeat("Godkjenning av ærlig, øvet og åpen saksliste. ", 20)));

        Assert.EndsWith("\r\n", ics);
        Assert.DoesNotContain("\n", ics.Replace("\r\n", ""));
        var lines = ics.Split("\r\n")[..^1];
        Assert.All(lines, line => Assert.True(Encoding.UTF8.GetByteCount(line) <= 75, line));
        Assert.Contains(lines, line => line.StartsWith(' '));
    }

    [Fact]
    public void Text_values_escape_commas_semicolons_backslashes_and_line_breaks()
    {
        Assert.Equal("a\\, b\\; c\\\\ d\\ne", MeetingCalendar.Text("a, b; c\\ d\ne"));
    }

    [Fact]
    public void A_calendar_parser_reads_back_the_uid_sequence_start_place_and_the_text_as_written()
    {
        var description = "Saksliste:\n1. SAK 010-2026 Kols, forløp; og «samvalg»";
        var calendar = Ical.Net.Calendar.Load(Invitation(description))!;
        var meeting = calendar.Events.Single();

        Assert.Equal("REQUEST", calendar.Method);
        Assert.Equal(MeetingCalendar.Uid(MeetingId), meeting.Uid);
        Assert.Equal(3, meeting.Sequence);
        Assert.Equal(new DateTime(2026, 7, 1, 7, 0, 0, DateTimeKind.Utc), meeting.DtStart!.AsUtc);
        Assert.Equal("Hamar rådhus; sal 2, 3. etasje", meeting.Location);
        Assert.Equal(description, meeting.Description);
    }

    [Fact]
    public void A_cancelled_meeting_is_sent_with_method_cancel_and_status_cancelled()
    {
        var calendar = Ical.Net.Calendar.Load(Invitation("Avlyst", cancelled: true))!;
        Assert.Equal("CANCEL", calendar.Method);
        Assert.Equal("CANCELLED", calendar.Events.Single().Status);
    }
}

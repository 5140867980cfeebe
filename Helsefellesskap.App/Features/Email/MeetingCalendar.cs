using System.Globalization;
using System.Text;

namespace Helsefellesskap.App.Features.Email;

/// <summary>What a calendar needs to know of a meeting.</summary>
public sealed record CalendarMeeting(Guid MeetingId, int Sequence, string Summary, DateTimeOffset StartsAt, DateTimeOffset EndsAt,
    string? Location, string Description, string Url, bool Cancelled);

/// <summary>
/// An iCalendar (RFC 5545) invitation to a meeting, written by hand: lines end in CRLF and are folded at 75 octets,
/// text values are escaped, and times are in UTC, which every calendar shows in its own zone. The UID is the
/// meeting's, so a changed meeting (higher SEQUENCE) or a cancellation replaces the entry a calendar already holds.
/// </summary>
public static class MeetingCalendar
{
    public static string Uid(Guid meetingId) => $"{meetingId}@helsefellesskap-innlandet";

    /// <param name="method">REQUEST for an invitation sent by e-mail, PUBLISH for a download; a cancellation is CANCEL.</param>
    public static string Write(CalendarMeeting meeting, string method, DateTimeOffset stamp, string organizerName, string organizerAddress,
        IEnumerable<(string Name, string Address)> attendees)
    {
        var lines = new List<string>
        {
            "BEGIN:VCALENDAR",
            "PRODID:-//Helsefellesskap//Møter//NO",
            "VERSION:2.0",
            "CALSCALE:GREGORIAN",
            $"METHOD:{(meeting.Cancelled ? "CANCEL" : method)}",
            "BEGIN:VEVENT",
            $"UID:{Uid(meeting.MeetingId)}",
            $"SEQUENCE:{meeting.Sequence}",
            $"DTSTAMP:{Utc(stamp)}",
            $"DTSTART:{Utc(meeting.StartsAt)}",
            $"DTEND:{Utc(meeting.EndsAt)}",
            $"SUMMARY:{Text(meeting.Summary)}",
        };
        if (!string.IsNullOrWhiteSpace(meeting.Location)) lines.Add($"LOCATION:{Text(meeting.Location)}");
        lines.Add($"DESCRIPTION:{Text(meeting.Description)}");
        lines.Add($"URL:{meeting.Url}");
        if (organizerAddress.Length > 0) lines.Add($"ORGANIZER;CN={Parameter(organizerName)}:mailto:{organizerAddress}");
        foreach (var (name, address) in attendees)
            lines.Add($"ATTENDEE;CN={Parameter(name)};ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=FALSE:mailto:{address}");
        lines.Add($"STATUS:{(meeting.Cancelled ? "CANCELLED" : "CONFIRMED")}");
        lines.Add("END:VEVENT");
        lines.Add("END:VCALENDAR");
        var ics = new StringBuilder();
        foreach (var line in lines) Fold(ics, line);
        return ics.ToString();
    }

    private static string Utc(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    /// <summary>RFC 5545 3.3.11: backslash, semicolon and comma are escaped, and a line break becomes \n.</summary>
    public static string Text(string value) => value
        .Replace("\\", "\\\\").Replace(";", "\\;").Replace(",", "\\,")
        .Replace("\r\n", "\\n").Replace("\n", "\\n").Replace("\r", "\\n");

    /// <summary>A parameter value (a name) is quoted when it holds a character that would end it.</summary>
    private static string Parameter(string value)
    {
        var clean = value.Replace("\"", "'");
        return clean.IndexOfAny([':', ';', ',']) >= 0 ? $"\"{clean}\"" : clean;
    }

    /// <summary>
    /// RFC 5545 3.1: a line longer than 75 octets is split, and each continuation starts with a space. Splits fall
    /// between characters, never inside one UTF-8 sequence (æ, ø and å are two octets each).
    /// </summary>
    public static void Fold(StringBuilder output, string line)
    {
        var octets = 0;
        var limit = 75;
        var index = 0;
        while (index < line.Length)
        {
            var length = char.IsSurrogatePair(line, index) ? 2 : 1;
            var size = Encoding.UTF8.GetByteCount(line.AsSpan(index, length));
            if (octets + size > limit)
            {
                output.Append("\r\n ");
                octets = 1;
            }
            output.Append(line, index, length);
            octets += size;
            index += length;
        }
        output.Append("\r\n");
    }
}

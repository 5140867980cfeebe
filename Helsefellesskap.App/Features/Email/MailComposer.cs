using MimeKit;
using MimeKit.Text;

namespace Helsefellesskap.App.Features.Email;

/// <summary>Turns an outbox row into the MIME message that is sent: the text, and the invitation as an .ics file.</summary>
public static class MailComposer
{
    public static MimeMessage Compose(OutboxMessage row, EmailOptions options)
    {
        var message = new MimeMessage
        {
            // Stable per row: a receiver that gets a retry after a lost answer can tell it is the same message.
            MessageId = $"{row.Id:N}@{DomainOf(options.FromAddress)}",
            Subject = row.Subject,
            Date = row.CreatedAt,
        };
        message.From.Add(new MailboxAddress(options.FromName, options.FromAddress));
        message.To.Add(new MailboxAddress(row.ToName, row.ToAddress));
        var text = new TextPart(TextFormat.Plain) { Text = row.Body };
        if (row.Calendar is null)
        {
            message.Body = text;
            return message;
        }
        var calendar = new TextPart("calendar")
        {
            Text = row.Calendar,
            ContentTransferEncoding = ContentEncoding.Base64,
            FileName = row.CalendarMethod == "CANCEL" ? "avlyst.ics" : "innkalling.ics",
        };
        calendar.ContentType.Parameters.Add("method", row.CalendarMethod ?? "REQUEST");
        calendar.ContentType.Charset = "utf-8";
        calendar.ContentDisposition = new ContentDisposition(ContentDisposition.Attachment) { FileName = calendar.FileName };
        message.Body = new Multipart("mixed") { text, calendar };
        return message;
    }

    private static string DomainOf(string address) => address.Contains('@') ? address[(address.IndexOf('@') + 1)..] : "helsefellesskap";
}

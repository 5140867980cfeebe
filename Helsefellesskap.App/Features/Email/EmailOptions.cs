namespace Helsefellesskap.App.Features.Email;

/// <summary>
/// The <c>Email</c> section of the configuration. With no <c>Email:Smtp:Host</c> the mail is written as .eml files to
/// <c>mail/</c> beside the database instead of being sent.
/// </summary>
public sealed class EmailOptions
{
    public SmtpOptions Smtp { get; set; } = new();
    /// <summary>Whom the mail is from; empty, it is the partnership's name (<see cref="Shared.PartnershipName"/>).</summary>
    public string FromName { get; set; } = "";
    public string FromAddress { get; set; } = "sekretariat@eksempel.no";

    /// <summary>The app's address as those who receive the mail reach it; links in the mail start with it.</summary>
    public string AppUrl { get; set; } = "http://localhost:5080";

    /// <summary>How often the worker looks for mail to send and reminders that are due, besides when it is woken.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(1);

    public string Link(string path) => AppUrl.TrimEnd('/') + path;
}

public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 587;

    /// <summary>STARTTLS when true (the default); false only for a relay on the same machine or network.</summary>
    public bool UseTls { get; set; } = true;
    public string? User { get; set; }
    public string? Password { get; set; }

    /// <summary>
    /// Accepts the server's certificate without checking it (a test's self-signed server). Off by default, and never
    /// for a real server: without the check anyone between the app and the server reads the password and the mail.
    /// </summary>
    public bool AcceptAnyCertificate { get; set; }
}

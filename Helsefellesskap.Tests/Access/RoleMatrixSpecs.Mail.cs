using Helsefellesskap.App.Features.Bodies;
using Helsefellesskap.App.Features.Email;
using Helsefellesskap.Tests.Infrastructure;

namespace Helsefellesskap.Tests.Access;

/// <summary>The rows for a body's reminder lead times and for "Send på nytt" on /admin/utsendelser.</summary>
public sealed partial class RoleMatrixSpecs
{
    private Guid failedMail;

    /// <summary>For "Send på nytt": a message that has used up its attempts, as an SMTP outage leaves it.</summary>
    private async Task PrepareFailedMailAsync(string command)
    {
        if (command != "SendMailAgain") return;
        var message = new OutboxMessage($"test/{Guid.NewGuid()}", MailKind.Reminders, null, "Hilde Moen", "hilde.moen@eksempel.no",
            "Påminnelse", "Tekst.", FixedClock.DemoNow);
        for (var i = 0; i < OutboxMessage.MaxAttempts; i++) message.RecordFailure("Tilkoblingen ble avvist", FixedClock.DemoNow);
        await using var db = Database.NewContext();
        db.Add(message);
        await db.SaveChangesAsync();
        failedMail = message.Id;
    }

    private async Task<bool> RunSettingsAndMailAsync(string command, Guid committeeId)
    {
        switch (command)
        {
            case "ChangeReminderLeadTimes":
                await Service<BodySettings>().ChangeReminderLeadTimesAsync(committeeId, new("10, 2", "21", "3", "5"));
                return true;
            case "SendMailAgain":
                await Service<Mailings>().SendAgainAsync(failedMail);
                return true;
            default:
                return false;
        }
    }
}

using Helsefellesskap.App;
using Helsefellesskap.App.Data;
using Helsefellesskap.App.Features.Access;
using Helsefellesskap.App.Features.Meetings;
using Helsefellesskap.Domain.Access;
using Helsefellesskap.Domain.Meetings;
using Microsoft.EntityFrameworkCore;

namespace Helsefellesskap.Tests.Access;

/// <summary>
/// What a page asks before it offers a command: the same cell of the table, answered by <c>Actor.MayX</c> for the
/// signed-in user. A page that offered what the command refuses (or hid what it allows) would fail here.
/// </summary>
public sealed partial class RoleMatrixSpecs
{
    private async Task<bool> MayAsync(string command, Scene s, string? ownParty, MeetingScene m)
    {
        if (await Service<Actors>().SignedInAsync() is not { } a) return false;
        var day = OsloTime.Today(Service<TimeProvider>());
        var other = ownParty is "Helseregion Hamar" or "Helseregion Gjøvik og Hadeland" ? "Sykehuset Innlandet HF" : "Helseregion Hamar";
        var presence = MeetingStages.ContainsKey(command)
            ? (await Service<MeetingWork>().SnapshotAsync(m.MeetingId))!.PresenceOf(a.PersonId)
            : MeetingPresence.NotCalled;
        return command switch
        {
            "CreateDraft" => a.MayCreateDraft(day),
            "SaveDraft" => a.MaySaveDraft(day),
            "RegisterCase" => a.MayRegisterCase(day),
            "SendForPreparation" => a.MaySendForPreparation(day),
            "AddAttachment" => a.MayAddAttachment(day),
            "RemoveAttachment" => a.MayRemoveAttachment(day),
            "RegisterOwnPosition" => a.MayRegisterPosition(s.CommitteeId, s.Parties[ownParty!], day),
            "RegisterOtherPosition" => a.MayRegisterPosition(s.CommitteeId, s.Parties[other], day),
            "AmendWording" => a.MayAmendWording(s.CommitteeId, day),
            "PutForward" => a.MayPutForward(s.CommitteeId, day),
            "SendBack" => a.MaySendBack(s.CommitteeId, day),
            "SetPublication" => a.MaySetPublication(day),
            "SaveProposalVersion" => a.MaySaveProposalVersion(day),
            "AddAddendum" => a.MayAddAddendum(day),
            "CreateUser" => a.MayCreateUser(day),
            "AddSeat" => a.MayAddSeat(day),
            "EndSeat" => a.MayEndSeat(day),
            "DeactivateUser" => a.MayDeactivate(day, s.Users["stein.ronning"], ofAdministrator: false),
            "ResetPassword" => a.MayManageAccount(day, ofAdministrator: false),
            "ScheduleMeeting" => a.MayScheduleMeeting(day),
            "SetAgenda" => a.MaySetAgenda(day),
            "SendNotice" => a.MaySendNotice(day),
            "RescheduleMeeting" => a.MayRescheduleMeeting(day),
            "CancelMeeting" => a.MayCancelMeeting(day),
            // The meeting page offers it to those called to the meeting.
            "ReportOwnAbsence" => a.PersonId is { } me && presence != MeetingPresence.NotCalled && a.MayReportAbsence(me, day),
            "RecordAttendance" => a.MayRecordAttendance(day),
            "OpenMeeting" => a.MayOpenMeeting(s.CommitteeId, day),
            "OpenMeetingItem" => a.MayOpenMeetingItem(s.CommitteeId, day),
            "StatePositionInMeeting" => a.MayStatePositionInMeeting(s.CommitteeId, s.Parties[ownParty!], day, presence),
            "StateOtherPositionInMeeting" => a.MayStatePositionInMeeting(s.CommitteeId, s.Parties[other], day, presence),
            "AddRemark" => a.MayAddRemark(s.CommitteeId, day),
            "CloseMeetingItem" => a.MayCloseMeetingItem(s.CommitteeId, day, isCase: true),
            "WriteMinutes" => a.MayWriteMinutes(day),
            "ApproveMinutes" => a.MayApproveMinutes(s.CommitteeId, day),
            "CorrectMinutes" => a.MayCorrectMinutes(s.CommitteeId, day),
            "CreateFollowUp" => a.MayCreateFollowUp(day),
            "EditFollowUp" => a.MayEditFollowUp(day),
            "GiveMandate" => a.MayGiveMandate(day),
            "UpdateOwnFollowUp" => a.PersonId is { } owner && a.MayUpdateFollowUp(owner, day),
            "UpdateOtherFollowUp" => a.MayUpdateFollowUp((await OwnerAsync()).Person, day),
            "RecordRatification" => a.MayRecordRatification((await PendingRatificationAsync()).Tolga, day),
            "GrantRatificationRecording" => a.MayGrantRatificationRecording(),
            "EditSteeringFigures" => a.MayEditSteeringFigures(day),
            "LinkSteeringFigures" => a.MayLinkSteeringFigures(day),
            "ChangeReminderLeadTimes" => a.MayChangeReminderLeadTimes(day),
            "SendMailAgain" => a.MaySendMailAgain(day),
            "ReadConfidentialCase" => await MayReadAsync(a, s.CaseInCommittee, day),
            "ReadDraft" => await MayReadAsync(a, s.Draft, day),
            _ => throw new InvalidOperationException($"docs/roles.md names a command Actor has no MayX for: {command}"),
        };
    }

    private async Task<bool> MayReadAsync(Actor actor, Guid caseId, DateOnly day)
    {
        await using var db = Database.NewContext();
        return actor.MayReadCase(await db.Cases.AsNoTracking().WithRecord().SingleAsync(c => c.Id == caseId), day);
    }
}

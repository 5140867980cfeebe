using Helsefellesskap.Domain;
using Helsefellesskap.Domain.Cases;
using Helsefellesskap.Domain.Meetings;
using Helsefellesskap.Domain.Partnerships;
using static Helsefellesskap.Tests.Domain.TestPartnership;

namespace Helsefellesskap.Tests.Domain.Cases;

/// <summary>
/// Prose fields hold at most <see cref="Plausible.LongTextMaxLength"/> characters: the limit the browser's field
/// enforces, so nothing longer can be typed, sent over the circuit and silently lost.
/// </summary>
public class LongTextSpecs
{
    private readonly TestPartnership p = new();
    private static readonly string AtLimit = new('æ', Plausible.LongTextMaxLength);
    private static readonly string OverLimit = AtLimit + "ø";

    private static void RefusedWith(string what, Action act)
    {
        var error = Assert.Throws<DomainException>(act);
        Assert.Equal($"{what} kan ikke være lengre enn 20 000 tegn (teksten har 20 001 tegn).", error.Message);
    }

    private Case Draft() =>
        new(p.Partnership.Id, p.Ssu, "Tittel", CaseType.Decision, false, CaseTag.None, "", "", "Forslag.", p.Secretary.Id, Now);

    private void Edit(Case c, string background = "", string assessment = "") =>
        c.Edit("Tittel", CaseType.Decision, false, CaseTag.None, background, assessment, p.Secretary.Id, Now);

    [Fact]
    public void The_limit_for_long_text_is_20_000_characters()
    {
        Assert.Equal(20_000, Plausible.LongTextMaxLength);
        Assert.Equal("20 000", Plausible.Grouped(Plausible.LongTextMaxLength));
    }

    [Fact]
    public void The_background_is_at_most_20_000_characters()
    {
        var c = Draft();
        Edit(c, background: AtLimit);
        Assert.Equal(AtLimit, c.Background);
        RefusedWith("Bakgrunnen", () => Edit(c, background: OverLimit));
        Assert.Equal(AtLimit, c.Background);
    }

    [Fact]
    public void The_assessment_is_at_most_20_000_characters()
    {
        var c = Draft();
        Edit(c, assessment: AtLimit);
        RefusedWith("Vurderingen", () => Edit(c, assessment: OverLimit));
        Assert.Equal(AtLimit, c.Assessment);
    }

    [Fact]
    public void The_proposed_decision_is_at_most_20_000_characters()
    {
        var c = Draft();
        c.ReviseProposal(AtLimit, p.Secretary.Id, Now);
        RefusedWith("Forslaget til vedtak", () => c.ReviseProposal(OverLimit, p.Secretary.Id, Now));
        Assert.Equal(AtLimit, c.DraftProposal);
    }

    [Fact]
    public void An_amended_wording_is_at_most_20_000_characters()
    {
        var (c, treatment) = p.CaseInTreatment();
        c.AmendWording(treatment.Id, AtLimit, p.Secretary.Id, Now);
        RefusedWith("Ordlyden", () => c.AmendWording(treatment.Id, OverLimit, p.Secretary.Id, Now));
        Assert.Equal(AtLimit, treatment.CurrentWording.Text);
    }

    [Fact]
    public void A_comment_sending_a_case_back_is_at_most_20_000_characters()
    {
        var (c, treatment) = p.CaseInTreatment(body: p.Au);
        RefusedWith("Kommentaren", () => c.SendBack(treatment.Id, OverLimit, Now));
        Assert.False(treatment.IsClosed);
    }

    [Fact]
    public void A_remark_with_a_position_is_at_most_20_000_characters()
    {
        var (c, treatment) = p.CaseInTreatment();
        RefusedWith("Merknaden til standpunktet", () => p.Position(c, treatment, p.Hospital, PositionKind.Disagree, OverLimit));
        p.Position(c, treatment, p.Hospital, PositionKind.Disagree, AtLimit);
    }

    [Fact]
    public void The_minutes_prose_is_at_most_20_000_characters()
    {
        var meeting = new Meeting(p.Ssu, Now.AddDays(10), TimeSpan.FromHours(3), "Hamar rådhus", null, Today);
        var item = meeting.AddCase(Guid.NewGuid(), "Sak");
        meeting.SendNotice(Now);
        meeting.Open(Now);
        meeting.Close(Now);
        meeting.WriteMinutes(item.Id, AtLimit);
        RefusedWith("Protokollteksten", () => meeting.WriteMinutes(item.Id, OverLimit));
        RefusedWith("Protokollteksten", () => meeting.WriteMinutes(null, OverLimit));
        Assert.Equal(AtLimit, meeting.Agenda.Single(i => i.Id == item.Id).MinutesText);
    }

    [Fact]
    public void An_absence_reason_is_at_most_20_000_characters()
    {
        var meeting = new Meeting(p.Ssu, Now.AddDays(10), TimeSpan.FromHours(3), "Hamar rådhus", null, Today);
        var member = p.Ssu.Seats.First(s => s.Role == SeatRole.Member);
        RefusedWith("Grunnen til forfall", () => meeting.ReportAbsence(member.PersonId, OverLimit));
    }

    [Fact]
    public void Addenda_corrections_and_remarks_keep_their_shorter_limits_below_the_long_text_limit()
    {
        Assert.True(CaseAddendum.MaxTextLength < Plausible.LongTextMaxLength);
        Assert.True(MinutesCorrection.MaxTextLength < Plausible.LongTextMaxLength);
        Assert.True(MinutesCorrection.MaxReasonLength < Plausible.LongTextMaxLength);
        Assert.True(MeetingRemark.MaxTextLength < Plausible.LongTextMaxLength);
    }
}

using Helsefellesskap.App.Features.Audit;
using Helsefellesskap.App.Features.Cases;
using Helsefellesskap.App.Features.Cases.Attachments;
using Helsefellesskap.App.Features.Meetings;
using Helsefellesskap.App.Features.Meetings.Documents;
using Helsefellesskap.Domain;
using Helsefellesskap.Domain.Cases;
using Helsefellesskap.Tests.Infrastructure;

namespace Helsefellesskap.Tests.Access;

/// <summary>The services refuse a confidential case to those who may not read it, whatever a page offers.</summary>
public sealed class CaseReadingServiceSpecs(DemoDatabaseTemplate template) : ServiceSpec(template)
{
    private const string Title = "Samarbeid om en navngitt pasient med sammensatte behov";

    /// <summary>As the secretariat: a case for SSU in fagutvalget for psykisk helse barn og unge, exempt on the basis given, with a file.</summary>
    private async Task<(Guid CaseId, Guid AttachmentId)> ExemptCaseAsync(string basis, string forBody = "SSU")
    {
        await As("mari.hovde");
        var work = Service<CaseWork>();
        var caseId = await work.CreateDraftAsync(new(Title, CaseType.Decision, false, CaseTag.ChildrenAndYouth, await Body(forBody), null,
            "Bakgrunn med helseopplysninger.", "Vurdering.", "SSU slutter seg til tiltaket."));
        await work.RegisterAsync(caseId);
        if (forBody == "SSU") await work.SendForPreparationAsync(caseId, await Body("FU-PHBU"));
        await work.SetPublicationAsync(caseId, exempt: true, basis);
        var pdf = "%PDF-1.7\n epikrise"u8.ToArray();
        var attachment = await Service<CaseAttachments>().AddAsync(caseId, "Epikrise.pdf", pdf.Length, _ => new MemoryStream(pdf));
        return (caseId, attachment.Id);
    }

    [Fact]
    public async Task An_observer_is_refused_a_confidential_case_its_attachment_and_its_history()
    {
        var (caseId, attachmentId) = await ExemptCaseAsync("offl. § 13, jf. fvl. § 13 første ledd nr. 1");

        await As("liv.aune");
        var refusal = await Assert.ThrowsAsync<DomainException>(() => Service<CaseQueries>().GetAsync(caseId));
        Assert.StartsWith("Du har ikke tilgang til denne saken.", refusal.Message);
        Assert.Null(await Service<CaseAttachments>().OpenAsync(attachmentId, await UserId("liv.aune")));
        await Assert.ThrowsAsync<DomainException>(() => Service<AuditChain>().ForCaseAsync(caseId));
    }

    [Theory]
    [InlineData("mari.hovde")]
    [InlineData("trond.odegard")]
    [InlineData("silje.vang")]
    public async Task The_secretariat_and_a_seat_in_the_treating_body_read_a_confidential_case_and_its_attachment(string user)
    {
        var (caseId, attachmentId) = await ExemptCaseAsync("offl. § 13");

        await As(user);
        Assert.Equal(Title, (await Service<CaseQueries>().GetAsync(caseId))!.Case.Title);
        Assert.Equal("Epikrise.pdf", (await Service<CaseAttachments>().OpenAsync(attachmentId, await UserId(user)))!.FileName);
    }

    [Fact]
    public async Task An_exemption_that_is_not_confidentiality_keeps_reading_for_an_observer()
    {
        var (caseId, attachmentId) = await ExemptCaseAsync("offl. § 14");

        await As("liv.aune");
        Assert.Equal(Title, (await Service<CaseQueries>().GetAsync(caseId))!.Case.Title);
        Assert.NotNull(await Service<CaseAttachments>().OpenAsync(attachmentId, await UserId("liv.aune")));
    }

    [Fact]
    public async Task The_register_lists_a_case_the_user_may_not_read_by_number_and_exemption_only_and_never_finds_it_by_text()
    {
        var (caseId, _) = await ExemptCaseAsync("offl. § 13");

        await As("liv.aune");
        var register = Service<CaseRegister>();
        var row = (await register.SearchAsync(new CaseFilter(PageSize: 200))).Rows.Single(r => r.Id == caseId);
        Assert.Equal("Unntatt offentlighet, offl. § 13", row.Title);
        Assert.DoesNotContain((await register.SearchAsync(new CaseFilter(Text: "navngitt pasient", PageSize: 200))).Rows, r => r.Id == caseId);

        await As("trond.odegard");
        Assert.Equal(Title, (await register.SearchAsync(new CaseFilter(PageSize: 200))).Rows.Single(r => r.Id == caseId).Title);
    }

    [Fact]
    public async Task A_draft_is_read_only_by_the_secretariat()
    {
        await As("mari.hovde");
        var draft = await Service<CaseWork>().CreateDraftAsync(new("Utkast om ventetider", CaseType.Decision, false, CaseTag.None,
            await Body("SSU"), null, "", "", ""));

        await As("silje.vang");
        await Assert.ThrowsAsync<DomainException>(() => Service<CaseQueries>().GetAsync(draft));
    }

    [Fact]
    public async Task The_notice_shows_the_legal_basis_instead_of_the_papers_to_one_who_may_not_read_a_confidential_case()
    {
        var (caseId, _) = await ExemptCaseAsync("offl. § 13", forBody: "FU-PHBU");
        var meetings = Service<MeetingWork>();
        var meetingId = await meetings.ScheduleAsync(new MeetingInput(await Body("FU-PHBU"), new DateOnly(2026, 12, 10), new TimeOnly(13, 0),
            TimeSpan.FromHours(2), "Hamar", null));
        await meetings.AddCaseAsync(meetingId, caseId);

        await As("liv.aune");
        var withheld = (await Service<MeetingDocuments>().NoticeAsync(meetingId))!.Items.Single(i => i.CaseId == caseId);
        Assert.Equal("offl. § 13", withheld.WithheldBasis);
        Assert.Equal("Unntatt offentlighet, offl. § 13", withheld.Title);
        Assert.Equal("", withheld.Background);
        Assert.Empty(withheld.Attachments);

        await As("trond.odegard");
        var read = (await Service<MeetingDocuments>().NoticeAsync(meetingId))!.Items.Single(i => i.CaseId == caseId);
        Assert.Null(read.WithheldBasis);
        Assert.Equal("Bakgrunn med helseopplysninger.", read.Background);
        Assert.Single(read.Attachments);
    }
}

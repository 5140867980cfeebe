using Helsefellesskap.App.Data;
using Helsefellesskap.App.Features.Cases;
using Helsefellesskap.App.Features.Cases.Attachments;
using Helsefellesskap.Domain;
using Helsefellesskap.Domain.Cases;
using Helsefellesskap.Domain.Partnerships;
using Helsefellesskap.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Helsefellesskap.Tests.Cases;

/// <summary>The secretariat's and the working committee's commands, through the app's services on real SQLite.</summary>
public sealed class CaseWorkSpecs(DemoDatabaseTemplate template) : ServiceSpec(template)
{
    private CaseWork Work => Service<CaseWork>();
    private CaseRegister Register => Service<CaseRegister>();

    private async Task<Case> Reload(Guid id)
    {
        await using var db = Database.NewContext();
        return await db.Cases.WithRecord().SingleAsync(c => c.Id == id);
    }

    private async Task<CaseDraftInput> Draft(string title = "Felles rutine for legemiddelsamstemming", string proposal = "SSU vedtar rutinen.") =>
        new(title, CaseType.Decision, false, CaseTag.FrailElderly, await Body("SSU"), null,
            "Legemiddellister er ofte ulike i sykehus og kommune.", "En felles rutine gir tryggere overganger.", proposal);

    /// <summary>A case drafted, registered and sent to AU by the secretariat.</summary>
    private async Task<(Guid CaseId, Guid TreatmentId)> CaseInTheWorkingCommittee()
    {
        await As("mari.hovde");
        var id = await Work.CreateDraftAsync(await Draft());
        await Work.RegisterAsync(id);
        await Work.SendForPreparationAsync(id, await Body("AU"));
        return (id, (await Reload(id)).OpenTreatment!.Id);
    }

    [Fact]
    public async Task The_secretariat_drafts_revises_and_registers_a_case_which_takes_the_next_number_of_its_body()
    {
        await As("mari.hovde");
        var id = await Work.CreateDraftAsync(await Draft(proposal: ""));
        var version = await Work.SaveAsync(id, 1, await Draft(proposal: "SSU vedtar rutinen."));
        await Work.SaveAsync(id, version, await Draft(proposal: "SSU vedtar rutinen fra 1. mars."));

        var number = await Work.RegisterAsync(id);

        Assert.Equal("SSU-sak 010/2026", number.In("SSU"));
        var saved = await Reload(id);
        // Autosaves keep the draft; registration makes it version 1.
        var first = Assert.Single(saved.ProposalVersions);
        Assert.Equal((1, ProposalOrigin.Registered), (first.Version, first.Origin));
        Assert.Equal("SSU vedtar rutinen fra 1. mars.", saved.ProposedDecision);
        Assert.Equal(CaseStatus.Registered, saved.Status);
    }

    [Fact]
    public async Task Only_the_secretariat_drafts_and_registers_cases_and_a_refusal_changes_nothing()
    {
        await As("hilde.moen");
        await using (var before = Database.NewContext()) Assert.Equal(12, await before.Cases.CountAsync());

        var error = await Assert.ThrowsAsync<DomainException>(async () => await Work.CreateDraftAsync(await Draft()));

        Assert.Equal("Bare sekretariatet kan opprette saker.", error.Message);
        await using var after = Database.NewContext();
        Assert.Equal(12, await after.Cases.CountAsync());
    }

    [Fact]
    public async Task A_second_save_from_an_older_version_is_refused_with_the_other_version_and_nothing_is_overwritten()
    {
        await As("mari.hovde");
        var id = await Work.CreateDraftAsync(await Draft());
        await As("geir.lien");
        await Work.SaveAsync(id, 1, await Draft(title: "Legemiddelsamstemming – sykehusets forslag"));
        await As("mari.hovde");

        var conflict = await Assert.ThrowsAsync<CaseEditConflict>(async () =>
            await Work.SaveAsync(id, 1, await Draft(title: "Legemiddelsamstemming – kommunenes forslag")));

        Assert.Equal("Legemiddelsamstemming – sykehusets forslag", conflict.Theirs.Title);
        Assert.Equal("Geir Lien", conflict.EditedBy);
        Assert.Equal("Legemiddelsamstemming – sykehusets forslag", (await Reload(id)).Title);

        // Having seen the other version, the user may choose to save theirs over it.
        await Work.SaveAsync(id, conflict.Version, await Draft(title: "Legemiddelsamstemming – kommunenes forslag"));
        Assert.Equal("Legemiddelsamstemming – kommunenes forslag", (await Reload(id)).Title);
    }

    [Fact]
    public async Task An_empty_title_is_refused_with_a_Norwegian_message()
    {
        await As("mari.hovde");
        var error = await Assert.ThrowsAsync<DomainException>(async () => await Work.CreateDraftAsync(await Draft(title: " ")));
        Assert.Equal("Saken må ha en tittel.", error.Message);
    }

    [Fact]
    public async Task The_working_committee_agrees_a_recommendation_and_puts_it_forward_to_SSU_where_it_is_ready_for_an_agenda()
    {
        var (id, au) = await CaseInTheWorkingCommittee();
        Assert.Contains(await Register.AwaitingPreparationAsync(), r => r.CaseId == id && r.BodyShortName == "AU");

        await As("knut.ellingsen");
        await Work.AmendWordingAsync(id, au, "AU innstiller: SSU vedtar felles rutine for legemiddelsamstemming.");
        await As("perolav.nes");
        await Work.RegisterPositionAsync(id, au, await Party("Kommunene i Innlandet (samlet)"), 2, PositionKind.Agree, null);
        await As("geir.lien");
        await Work.RegisterPositionAsync(id, au, await Party("Sykehuset Innlandet HF"), 2, PositionKind.AgreeWithRemark, "Divisjonene må få opplæring.");
        await As("knut.ellingsen");
        await Work.CloseWithRecommendationAsync(id, au, await Body("SSU"));

        var saved = await Reload(id);
        Assert.Equal(CaseStatus.Recommended, saved.Status);
        Assert.Equal(await Body("SSU"), saved.ReadyForBodyId);
        Assert.Contains(await Register.ReadyForAgendaAsync(), r => r.CaseId == id && r.BodyShortName == "SSU");
        Assert.DoesNotContain(await Register.AwaitingPreparationAsync(), r => r.CaseId == id);
    }

    [Fact]
    public async Task A_member_of_the_working_committee_speaks_only_for_their_own_party()
    {
        var (id, au) = await CaseInTheWorkingCommittee();
        await As("perolav.nes");

        var error = await Assert.ThrowsAsync<DomainException>(async () =>
            await Work.RegisterPositionAsync(id, au, await Party("Sykehuset Innlandet HF"), 1, PositionKind.Agree, null));

        Assert.Equal("Du representerer ikke Sykehuset Innlandet HF i AU og kan ikke gi standpunkt for den parten.", error.Message);
        Assert.Empty((await Reload(id)).Treatments.Single().Positions);
    }

    [Fact]
    public async Task Only_the_chair_or_deputy_concludes_the_working_committee_s_treatment()
    {
        var (id, au) = await CaseInTheWorkingCommittee();
        await As("geir.lien");

        var error = await Assert.ThrowsAsync<DomainException>(async () => await Work.SendBackAsync(id, au, "Mer om økonomi."));

        Assert.Equal("Bare lederen eller nestlederen i AU kan sende saken tilbake til sekretariatet.", error.Message);
        Assert.False((await Reload(id)).Treatments.Single().IsClosed);
    }

    [Fact]
    public async Task A_case_sent_back_with_a_comment_returns_to_the_secretariat_and_can_be_prepared_again()
    {
        var (id, au) = await CaseInTheWorkingCommittee();
        await As("perolav.nes"); // deputy chair of AU
        await Work.SendBackAsync(id, au, "Beskriv konsekvensene for de minste kommunene.");
        Assert.Equal(CaseStatus.SentBack, (await Reload(id)).Status);

        await As("mari.hovde");
        var version = (await Reload(id)).Version;
        await Work.SaveAsync(id, version, await Draft(proposal: "SSU vedtar rutinen, med opplæring i de minste kommunene."));
        await Work.SendForPreparationAsync(id, await Body("AU"));

        var saved = await Reload(id);
        Assert.Equal(2, saved.Treatments.Count);
        Assert.Equal("SSU vedtar rutinen, med opplæring i de minste kommunene.", saved.OpenTreatment!.CurrentWording.Text);
    }

    [Fact]
    public async Task A_deactivated_user_is_refused_on_the_next_command()
    {
        await As("mari.hovde");
        await using (var db = Database.NewContext())
        {
            var user = await db.Users.SingleAsync(u => u.UserName == "mari.hovde");
            user.LockoutEnd = DateTimeOffset.MaxValue;
            await db.SaveChangesAsync();
        }

        var error = await Assert.ThrowsAsync<DomainException>(async () => await Work.CreateDraftAsync(await Draft()));
        Assert.Equal("Brukeren din er ikke lenger aktiv. Kontakt sekretariatet.", error.Message);
    }

    [Fact]
    public async Task The_register_finds_a_case_by_a_word_in_its_text_and_filters_by_status_type_and_tag()
    {
        await As("mari.hovde"); // the register reads as someone: the secretariat reads every case
        Assert.Equal(12, (await Register.SearchAsync(new CaseFilter())).Total);

        var byText = await Register.SearchAsync(new CaseFilter(Text: "kols"));
        Assert.Equal(["Pasientforløp for personer med kols i Innlandet", "Status for lokal forankring av kols-forløpet"], byText.Rows.Select(r => r.Title).Order());
        var byPrefix = await Register.SearchAsync(new CaseFilter(Text: "hjemmeoppfølg"));
        Assert.Equal("SSU-sak 006/2026", Assert.Single(byPrefix.Rows).Number);

        Assert.Equal(3, (await Register.SearchAsync(new CaseFilter(Status: CaseStatus.Binding))).Total);
        Assert.Equal(2, (await Register.SearchAsync(new CaseFilter(Type: CaseType.Information))).Total);
        Assert.Equal(3, (await Register.SearchAsync(new CaseFilter(Tag: CaseTag.ChildrenAndYouth))).Total);
        Assert.Single((await Register.SearchAsync(new CaseFilter(Principled: true))).Rows);
    }

    [Fact]
    public async Task The_register_finds_a_case_by_its_number_with_or_without_its_body_and_in_the_old_form()
    {
        await As("mari.hovde");
        foreach (var typed in new[] { "SSU-sak 3/2026", "SSU-sak 003/2026", "ssu sak 3/2026", "003/2026", "SAK 003-2026" })
        {
            var rows = (await Register.SearchAsync(new CaseFilter(Text: typed))).Rows;
            Assert.Contains(rows, r => r.Number == "SSU-sak 003/2026" && r.Title == "Pasientforløp for personer med kols i Innlandet");
            Assert.All(rows, r => Assert.EndsWith("-sak 003/2026", r.Number));
        }
        Assert.Empty((await Register.SearchAsync(new CaseFilter(Text: "AU-sak 099/2026"))).Rows);
    }

    [Fact]
    public async Task The_register_pages_and_sorts_on_the_server()
    {
        await As("mari.hovde");
        var first = await Register.SearchAsync(new CaseFilter(PageSize: 4));
        var third = await Register.SearchAsync(new CaseFilter(PageSize: 4, Page: 2));
        var byTitle = await Register.SearchAsync(new CaseFilter(Sort: CaseSort.Title, Descending: false));

        Assert.Equal(4, first.Rows.Count);
        Assert.Equal(4, third.Rows.Count);
        Assert.Equal(12, third.Total);
        Assert.Equal("SSU-sak 009/2026", first.Rows[0].Number);
        Assert.Equal("Utkast", third.Rows[^1].Number);
        Assert.Equal("Akuttmedisinsk kjede: samarbeid mellom ambulanse og legevakt", byTitle.Rows[0].Title);
    }

    [Fact]
    public async Task Search_text_cannot_inject_full_text_operators()
    {
        await As("mari.hovde");
        Assert.Equal(["kols", "OR", "NEAR"], FullText.Words("kols\" OR NEAR(*"));
        Assert.Empty(FullText.Words("\"*()&|!:'"));
        Assert.Equal(0, (await Register.SearchAsync(new CaseFilter(Text: "kols & ! | finnesikke:*"))).Total);
        Assert.Equal(0, (await Register.SearchAsync(new CaseFilter(Text: "\"finnesikke\" OR *"))).Total);
    }

    [Fact]
    public async Task The_decisions_register_shows_each_decision_with_its_computed_outcome()
    {
        await As("mari.hovde");
        var decisions = await Register.DecisionsAsync();

        Assert.Contains(decisions, d => d.Title.StartsWith("Pasientforløp") && d.Outcome == Outcome.AdoptedPendingRatification);
        Assert.Contains(decisions, d => d.Title.StartsWith("Felles kompetanseplan") && d.Outcome == Outcome.NoConsensus);
        Assert.Contains(decisions, d => d.Title.StartsWith("Årsrapport") && d.Outcome == Outcome.Noted);
        Assert.DoesNotContain(decisions, d => d.BodyShortName == "AU");
        Assert.Equal(3, (await Register.DecisionsAsync(outcome: Outcome.Binding)).Count);
    }

    [Fact]
    public async Task A_second_seat_holder_on_the_case_page_must_confirm_replacing_the_partys_position()
    {
        var (id, au) = await CaseInTheWorkingCommittee();
        var hospital = await Party("Sykehuset Innlandet HF");
        await As("geir.lien");
        await Work.RegisterPositionAsync(id, au, hospital, 1, PositionKind.Agree, null, new SeenPosition(null));
        var geirs = (await Reload(id)).OpenTreatment!.CurrentPositions.Single();

        await As("knut.ellingsen"); // the chair of AU, also for the hospital
        var refused = await Assert.ThrowsAsync<DomainException>(() =>
            Work.RegisterPositionAsync(id, au, hospital, 1, PositionKind.Disagree, "Opplæringen er ikke finansiert.", new SeenPosition(geirs.Id)));
        Assert.StartsWith("Sykehuset Innlandet HF har allerede standpunkt «Enig», registrert av Geir Lien kl. ", refused.Message);
        Assert.EndsWith("Bekreft at du vil erstatte det.", refused.Message);

        await Work.RegisterPositionAsync(id, au, hospital, 1, PositionKind.Disagree, "Opplæringen er ikke finansiert.",
            new SeenPosition(geirs.Id, ConfirmsReplacing: true));
        var treatment = (await Reload(id)).OpenTreatment!;
        Assert.Equal(PositionKind.Disagree, treatment.CurrentPositions.Single().Kind);
        Assert.True(treatment.Positions.Single(p => p.Id == geirs.Id).IsReplaced);
    }

    [Fact]
    public async Task Every_page_showing_the_case_is_told_once_a_position_or_an_amendment_is_saved()
    {
        var (id, au) = await CaseInTheWorkingCommittee();
        var told = 0;
        using var page = Service<CaseNotifier>().Subscribe(id, () => { Interlocked.Increment(ref told); return Task.CompletedTask; });
        using var other = Service<CaseNotifier>().Subscribe(Guid.NewGuid(), () => throw new InvalidOperationException("Ikke denne saken."));

        await As("geir.lien");
        await Work.RegisterPositionAsync(id, au, await Party("Sykehuset Innlandet HF"), 1, PositionKind.Agree, null);
        await Until(() => told == 1);
        await As("knut.ellingsen");
        await Work.AmendWordingAsync(id, au, "AU innstiller: SSU vedtar rutinen.");
        await Until(() => told == 2);
    }

    [Fact]
    public async Task Cases_closed_without_consensus_before_the_next_step_named_its_body_get_it_at_start_up_once()
    {
        await As("mari.hovde");
        // The demo's competence plan: no consensus in SSU, back to the working committee. As an older database has it:
        await using (var db = Database.NewContext())
        {
            await db.Database.ExecuteSqlRawAsync("""UPDATE "Treatments" SET "NextStepBodyId" = NULL WHERE "NextStep" IS NOT NULL""");
            await db.Database.ExecuteSqlRawAsync("""UPDATE "Cases" SET "ComputedReadyForBodyId" = NULL WHERE "Title" LIKE 'Felles kompetanseplan%'""");
        }
        Assert.DoesNotContain(await Register.ReadyForAgendaAsync(), r => r.Title.StartsWith("Felles kompetanseplan"));

        await using (var db = Database.NewContext()) Assert.Equal(1, await NextStepBackfill.RunAsync(db));
        await using (var db = Database.NewContext()) Assert.Equal(0, await NextStepBackfill.RunAsync(db));

        Assert.Contains(await Register.ReadyForAgendaAsync(), r => r.Title.StartsWith("Felles kompetanseplan") && r.BodyShortName == "AU");
    }

    /// <summary>Deliveries run on the thread pool; wait for them, briefly.</summary>
    private static async Task Until(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++) await Task.Delay(10);
        Assert.True(condition());
    }
}

/// <summary>Attachments through the app's service: checked, hashed, stored once, downloaded under their own name.</summary>
public sealed class CaseAttachmentSpecs(DemoDatabaseTemplate template) : ServiceSpec(template)
{
    private CaseAttachments Attachments => Service<CaseAttachments>();

    private static byte[] Pdf(int size)
    {
        var bytes = new byte[size];
        "%PDF-1.7\n"u8.CopyTo(bytes);
        bytes[^1] = (byte)size;
        return bytes;
    }

    private async Task<Guid> SignedInWithACase(string userName = "mari.hovde")
    {
        await As(userName);
        await using var db = Database.NewContext();
        return await Undecided(db).OrderBy(c => c.Sequence).Select(c => c.Id).FirstAsync();
    }

    /// <summary>Cases no deciding body has closed yet, so their presentation and attachments may still change.</summary>
    private static IQueryable<Case> Undecided(AppDbContext db) =>
        db.Cases.WithRecord().Where(c => !c.Treatments.Any(t => t.ClosedAt != null && t.Mandate == Mandate.Decides));

    [Fact]
    public async Task An_attachment_is_stored_with_its_size_and_SHA_256_and_downloads_with_its_original_name()
    {
        var caseId = await SignedInWithACase();
        var content = Pdf(200_000);

        var attachment = await Attachments.AddAsync(caseId, "Høringsnotat – legemidler.pdf", content.Length, _ => new MemoryStream(content));

        Assert.Equal(200_000, attachment.SizeBytes);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content)), attachment.Sha256);
        var download = await Attachments.OpenAsync(attachment.Id, await UserId("mari.hovde"));
        Assert.Equal("Høringsnotat – legemidler.pdf", download!.FileName);
        Assert.Equal("application/pdf", download.ContentType);
        Assert.Equal(content, download.Content);
    }

    [Fact]
    public async Task A_file_over_25_MB_is_refused_before_a_byte_is_read()
    {
        var caseId = await SignedInWithACase();
        var opened = false;

        var error = await Assert.ThrowsAsync<DomainException>(() =>
            Attachments.AddAsync(caseId, "Stor rapport.pdf", 30L * 1024 * 1024, _ => { opened = true; return Stream.Null; }));

        Assert.Equal("Vedlegget «Stor rapport.pdf» er 30,0 MB. Grensen er 25 MB.", error.Message);
        Assert.False(opened);
    }

    [Fact]
    public async Task A_file_of_another_type_or_with_content_that_is_not_what_its_name_says_is_refused_and_nothing_is_stored()
    {
        var caseId = await SignedInWithACase();
        var exe = "MZ\u0090\0"u8.ToArray();

        await Assert.ThrowsAsync<DomainException>(() => Attachments.AddAsync(caseId, "program.exe", exe.Length, _ => new MemoryStream(exe)));
        var error = await Assert.ThrowsAsync<DomainException>(() => Attachments.AddAsync(caseId, "referat.pdf", exe.Length, _ => new MemoryStream(exe)));

        Assert.Equal("Innholdet i «referat.pdf» er ikke en gyldig PDF-fil.", error.Message);
        await using var db = Database.NewContext();
        Assert.Empty(await db.AttachmentContents.ToListAsync());
    }

    [Fact]
    public async Task The_same_file_twice_on_one_case_is_refused_and_two_cases_share_one_stored_copy()
    {
        var caseId = await SignedInWithACase();
        var content = Pdf(1000);
        await Attachments.AddAsync(caseId, "Notat.pdf", content.Length, _ => new MemoryStream(content));

        var error = await Assert.ThrowsAsync<DomainException>(() => Attachments.AddAsync(caseId, "Kopi.pdf", content.Length, _ => new MemoryStream(content)));
        Assert.Equal("Denne filen er allerede lagt ved saken som «Notat.pdf».", error.Message);

        Guid other;
        await using (var db = Database.NewContext()) other = await Undecided(db).Where(c => c.Id != caseId).OrderByDescending(c => c.Sequence).Select(c => c.Id).FirstAsync();
        await Attachments.AddAsync(other, "Notat.pdf", content.Length, _ => new MemoryStream(content));
        await using var check = Database.NewContext();
        Assert.Equal(1, await check.AttachmentContents.CountAsync());
    }

    [Fact]
    public async Task Only_the_secretariat_attaches_files()
    {
        var caseId = await SignedInWithACase("liv.aune");
        var content = Pdf(1000);

        var error = await Assert.ThrowsAsync<DomainException>(() => Attachments.AddAsync(caseId, "Notat.pdf", content.Length, _ => new MemoryStream(content)));
        Assert.Equal("Bare sekretariatet kan legge ved filer.", error.Message);
    }

    /// <summary>A real zip whose one part is <paramref name="unpackedMegabytes"/> of zeros: tiny packed, huge unpacked.</summary>
    private static byte[] ZipOfZeros(string partName, int unpackedMegabytes, int parts = 1)
    {
        using var buffer = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(buffer, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            var megabyte = new byte[1024 * 1024];
            for (var p = 0; p < parts; p++)
            {
                using var part = zip.CreateEntry(p == 0 ? partName : $"{partName}.{p}", System.IO.Compression.CompressionLevel.SmallestSize).Open();
                for (var i = 0; i < unpackedMegabytes; i++) part.Write(megabyte);
            }
        }
        return buffer.ToArray();
    }

    [Fact]
    public async Task A_Word_file_that_unpacks_to_more_than_100_MB_is_refused()
    {
        var caseId = await SignedInWithACase();
        // Twelve parts of 9 MB each: none is large enough for the ratio rule, together they are 108 MB.
        var bomb = ZipOfZeros("word/document.xml", 9, parts: 12);
        Assert.True(bomb.Length < 1024 * 1024);

        var error = await Assert.ThrowsAsync<DomainException>(() => Attachments.AddAsync(caseId, "Høring.docx", bomb.Length, _ => new MemoryStream(bomb)));

        Assert.StartsWith("«Høring.docx» pakker seg ut til mer enn 100 MB", error.Message);
        await using var db = Database.NewContext();
        Assert.DoesNotContain(await db.Set<Attachment>().Where(a => a.CaseId == caseId).ToListAsync(), a => a.FileName == "Høring.docx");
    }

    [Fact]
    public async Task An_Excel_file_with_a_large_part_compressed_more_than_100_to_1_is_refused()
    {
        var caseId = await SignedInWithACase();
        var bomb = ZipOfZeros("xl/worksheets/sheet1.xml", 20);

        var error = await Assert.ThrowsAsync<DomainException>(() => Attachments.AddAsync(caseId, "Tall.xlsx", bomb.Length, _ => new MemoryStream(bomb)));

        Assert.StartsWith("«Tall.xlsx» inneholder en del som er pakket mer enn 100:1", error.Message);
    }

    [Fact]
    public async Task An_ordinary_Word_file_is_attached_and_a_broken_zip_is_refused_as_not_a_Word_file()
    {
        var caseId = await SignedInWithACase();
        using var buffer = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(buffer, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        using (var writer = new StreamWriter(zip.CreateEntry("word/document.xml").Open()))
            writer.Write("<w:document>Høringsnotat</w:document>");
        var docx = buffer.ToArray();

        await Attachments.AddAsync(caseId, "Vanlig.docx", docx.Length, _ => new MemoryStream(docx));

        var broken = docx[..30];
        var error = await Assert.ThrowsAsync<DomainException>(() => Attachments.AddAsync(caseId, "Ødelagt.docx", broken.Length, _ => new MemoryStream(broken)));
        Assert.Equal("Innholdet i «Ødelagt.docx» er ikke en gyldig Word-fil (DOCX).", error.Message);
    }
}

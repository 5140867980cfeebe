using System.Security.Cryptography;
using Helsefellesskap.App.Data;
using Helsefellesskap.Domain.Cases;
using Helsefellesskap.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Helsefellesskap.Tests.Browser;

/// <summary>A case exempt under a duty of confidentiality is closed to an observer at its address and its file's.</summary>
public class ConfidentialCaseBrowserTests(AppServer app)
{
    [Fact]
    public async Task An_observer_opening_a_confidential_case_is_told_they_have_no_access_and_its_file_is_not_found()
    {
        var factory = app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>();
        var title = $"Samarbeid om en navngitt pasient {Guid.NewGuid().ToString("N")[..6]}";
        Guid caseId, attachmentId;
        await using (var db = await factory.CreateDbContextAsync())
        {
            var ssu = await db.Bodies.SingleAsync(b => b.ShortName == "SSU");
            var committee = await db.Bodies.SingleAsync(b => b.ShortName == "FU-PHBU");
            var secretary = await db.People.SingleAsync(p => p.Name == "Mari Hovde");
            var series = await db.CaseNumberSeries.SingleAsync(s => s.BodyId == ssu.Id && s.Year == 2026);
            var now = app.Clock.GetUtcNow();
            var @case = new Case(ssu.PartnershipId, ssu, title, CaseType.Decision, false, CaseTag.ChildrenAndYouth,
                "Bakgrunn med helseopplysninger.", "Vurdering.", "SSU slutter seg til tiltaket.", secretary.Id, now);
            @case.Register(series);
            @case.StartTreatment(committee, new DateOnly(2026, 11, 22), secretary.Id, now);
            @case.SetPublication(true, "offl. § 13, jf. fvl. § 13 første ledd nr. 1", secretary.Id, now);
            var pdf = "%PDF-1.7\n epikrise"u8.ToArray();
            var sha = Convert.ToHexStringLower(SHA256.HashData(pdf));
            attachmentId = @case.AddAttachment("Epikrise.pdf", pdf.Length, pdf.AsSpan(0, 16), sha, secretary.Id, now).Id;
            db.AttachmentContents.Add(new AttachmentContent(sha, pdf));
            db.Cases.Add(@case);
            await db.SaveChangesAsync();
            caseId = @case.Id;
        }

        // A seat holder of the committee treating it reads the case and its file (the deputy chair: another test here
        // ends Trond Ødegård's seat on this shared server).
        var member = await app.SignedInPageAsync("maria.kolstad");
        await member.GotoAsync($"/saker/{caseId}");
        await Expect(member.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(title);
        Assert.Equal(200, (await member.Context.APIRequest.GetAsync($"{app.BaseUrl}/vedlegg/{attachmentId}")).Status);

        // The committee's observer (NTNU) is told why, and sees neither the title nor the papers.
        var observer = await app.SignedInPageAsync("liv.aune");
        await observer.GotoAsync($"/saker/{caseId}");
        await Expect(observer.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Du har ikke tilgang til denne saken");
        await Expect(observer.GetByTestId("case-access-denied")).ToContainTextAsync("offl. § 13");
        await Expect(observer.GetByText(title)).ToHaveCountAsync(0);
        await Expect(observer.GetByText("Bakgrunn med helseopplysninger.")).ToHaveCountAsync(0);
        if (Environment.GetEnvironmentVariable("HF_SCREENSHOTS") is { Length: > 0 } folder)
            await observer.ScreenshotAsync(new() { Path = Path.Combine(folder, "confidential-case-observer.png"), FullPage = true });

        Assert.Equal(404, (await observer.Context.APIRequest.GetAsync($"{app.BaseUrl}/vedlegg/{attachmentId}")).Status);
    }
}

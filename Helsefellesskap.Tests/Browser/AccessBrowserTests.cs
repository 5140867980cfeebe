using Helsefellesskap.App.Data;
using Helsefellesskap.Domain.Cases;
using Helsefellesskap.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Helsefellesskap.Tests.Browser;

/// <summary>Rights are read from the database on every command, whatever a tab left open still shows.</summary>
public class AccessBrowserTests(AppServer app)
{
    [Fact]
    public async Task A_member_whose_seat_has_ended_is_refused_the_party_s_position_from_a_tab_left_open_and_signs_out()
    {
        var factory = app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>();
        var title = $"Samarbeid om barn i barnevernsinstitusjon {Guid.NewGuid().ToString("N")[..6]}";
        Guid caseId;
        await using (var db = await factory.CreateDbContextAsync())
        {
            var ssu = await db.Bodies.SingleAsync(b => b.ShortName == "SSU");
            var committee = await db.Bodies.SingleAsync(b => b.ShortName == "FU-PHBU");
            var secretary = await db.People.SingleAsync(p => p.Name == "Mari Hovde");
            var series = await db.CaseNumberSeries.SingleAsync(s => s.BodyId == ssu.Id && s.Year == 2026);
            var @case = new Case(ssu.PartnershipId, ssu, title, CaseType.Decision, false, CaseTag.ChildrenAndYouth,
                "Bakgrunn.", "Vurdering.", "SSU vedtar rutinen.", secretary.Id, app.Clock.GetUtcNow());
            @case.Register(series);
            @case.StartTreatment(committee, new DateOnly(2026, 11, 22), secretary.Id, app.Clock.GetUtcNow());
            db.Cases.Add(@case);
            await db.SaveChangesAsync();
            caseId = @case.Id;
        }

        // The member opens the case while his seat still counts: the form offers his own party.
        var member = await app.SignedInPageAsync("trond.odegard");
        await member.GotoAsync($"/saker/{caseId}");
        await AppServer.WhenLiveAsync(member);
        await Expect(member.GetByText("Part: Helseregion Gjøvik og Hadeland")).ToBeVisibleAsync();

        // Meanwhile his seat in the committee ends (yesterday was its last day).
        await using (var db = await factory.CreateDbContextAsync())
        {
            var committee = await db.Bodies.SingleAsync(b => b.ShortName == "FU-PHBU");
            var trond = await db.People.SingleAsync(p => p.Name == "Trond Ødegård");
            committee.EndSeat(committee.Seats.Single(s => s.PersonId == trond.Id).Id, new DateOnly(2026, 11, 21));
            await db.SaveChangesAsync();
        }

        await member.GetByRole(AriaRole.Button, new() { Name = "Registrer standpunkt" }).ClickAsync();

        await Expect(member.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Du representerer ikke" }))
            .ToContainTextAsync("Du representerer ikke Helseregion Gjøvik og Hadeland i FU-PHBU og kan ikke gi standpunkt for den parten.");
        await using (var db = await factory.CreateDbContextAsync())
            Assert.Empty((await db.Cases.WithRecord().SingleAsync(c => c.Id == caseId)).Treatments.Single().Positions);

        await member.GetByRole(AriaRole.Button, new() { Name = "Logg ut" }).ClickAsync();
        // The front page, or the sign-in page when the tab's own circuit ended first (signing out ends every tab); that was
        // his only seat, so his sign-in has ended with it and he may be told so instead.
        await Expect(member.GetByRole(AriaRole.Link, new() { Name = "Logg inn" }).Or(member.GetByRole(AriaRole.Button, new() { Name = "Logg inn" }))
            .Or(member.GetByText(Helsefellesskap.Domain.Access.Actor.NoSeatMessage)).First).ToBeVisibleAsync();
        await member.GotoAsync($"/saker/{caseId}");
        await member.WaitForURLAsync(url => url.Contains("/Account/Login"));
        await member.Context.CloseWithinAsync();
    }
}

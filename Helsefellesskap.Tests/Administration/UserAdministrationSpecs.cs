using Helsefellesskap.App.Data;
using Helsefellesskap.App.Features.Administration;
using Helsefellesskap.App.Features.Cases;
using Helsefellesskap.Domain;
using Helsefellesskap.Domain.Cases;
using Helsefellesskap.Domain.Partnerships;
using Helsefellesskap.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Helsefellesskap.Tests.Administration;

/// <summary>Users and seats administered through the app's service, on real SQLite with the app's Identity rules.</summary>
public sealed class UserAdministrationSpecs(DemoDatabaseTemplate template) : ServiceSpec(template)
{
    private static readonly DateOnly Today = new(2026, 11, 22);
    private const string StrongPassword = "Sommer-i-Valdres-2026";

    private UserAdministration Admin => Service<UserAdministration>();

    private async Task<T> Query<T>(Func<AppDbContext, Task<T>> query)
    {
        await using var db = Database.NewContext();
        return await query(db);
    }

    private Task<ApplicationUser> User(string userName) => Query(db => db.Users.AsNoTracking().SingleAsync(u => u.UserName == userName));
    private Task<(int Users, int People, int Seats)> Counts() =>
        Query(async db => (await db.Users.CountAsync(), await db.People.CountAsync(), await db.Seats.CountAsync()));

    private async Task<bool> PasswordWorks(string userName, string password)
    {
        await using var scope = Database.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        return await users.CheckPasswordAsync((await users.FindByNameAsync(userName))!, password);
    }

    private async Task<CaseDraftInput> Draft() => new("Felles rutine for legemiddelsamstemming", CaseType.Decision, false,
        CaseTag.FrailElderly, await Body("SSU"), null, "Bakgrunn.", "Vurdering.", "SSU vedtar rutinen.");

    [Theory]
    [InlineData("admin")]
    [InlineData("mari.hovde")]
    public async Task The_administrator_and_the_secretariat_create_a_user_and_link_them_to_a_seat(string administrator)
    {
        await As(administrator);

        var userId = await Admin.CreateUserAsync(" Kari Nordmann ", "kommunalsjef helse, Vang kommune", "kari.nordmann", StrongPassword);
        var created = await Admin.GetAsync(userId);
        await Admin.AddSeatAsync(created!.PersonId!.Value, await Body("SSU"), SeatRole.Substitute, await Party("Helseregion Valdres"),
            null, null, new DateOnly(2026, 12, 1), new DateOnly(2027, 12, 31));

        var user = (await Admin.GetAsync(userId))!;
        Assert.Equal(("Kari Nordmann", "kari.nordmann", UserStatus.Active), (user.Name, user.UserName, user.Status));
        var seat = Assert.Single(user.Seats);
        Assert.Equal(("Vara i SSU", "Helseregion Valdres", "01.12.2026–31.12.2027"), (seat.RoleIn(), seat.PartyName, seat.Term.ToString()));
        Assert.False(seat.IsCurrent);
        Assert.True(await PasswordWorks("kari.nordmann", StrongPassword));
    }

    [Theory]
    [InlineData("hilde.moen")]   // member of SSU
    [InlineData("torstein.vik")] // chair of SSU and PM
    [InlineData("liv.aune")]     // observer
    [InlineData("gunn.brekke")]  // participant
    public async Task Members_chairs_observers_and_participants_may_not_administer_and_a_refusal_changes_nothing(string userName)
    {
        var before = await Counts();
        var member = await User("hilde.moen");
        var personId = member.PersonId!.Value;
        // An anonymous type, not a tuple: PostgreSQL would send a tuple as one record, which Npgsql refuses.
        var seat = await Query(async db => await db.Seats.Where(s => s.PersonId == personId).Select(s => new { s.Id, s.To }).FirstAsync());
        var (seatId, seatEnd) = (seat.Id, seat.To);
        var ssu = await Body("SSU");
        var valdres = await Party("Helseregion Valdres");
        await As(userName);

        var refusals = new Func<Task>[]
        {
            () => Admin.ListAsync(),
            () => Admin.GetAsync(member.Id),
            () => Admin.CreateUserAsync("Kari Nordmann", null, "kari.nordmann", StrongPassword),
            () => Admin.AddSeatAsync(personId, ssu, SeatRole.Substitute, valdres, null, null, Today, null),
            () => Admin.EndSeatAsync(seatId, Today),
            () => Admin.UpdatePersonAsync(personId, "Ny Navn", null),
            () => Admin.DeactivateAsync(member.Id),
            () => Admin.ResetPasswordAsync(member.Id, StrongPassword),
        };
        foreach (var refused in refusals)
        {
            var error = await Assert.ThrowsAsync<DomainException>(refused);
            Assert.Equal("Bare administrator eller sekretariatet kan administrere brukere og verv.", error.Message);
        }

        Assert.Equal(before, await Counts());
        var after = await User("hilde.moen");
        Assert.Equal((member.SecurityStamp, member.PasswordHash, member.LockoutEnd), (after.SecurityStamp, after.PasswordHash, after.LockoutEnd));
        Assert.Equal(seatEnd, await Query(db => db.Seats.Where(s => s.Id == seatId).Select(s => s.To).SingleAsync()));
    }

    [Fact]
    public async Task A_weak_password_is_refused_in_Norwegian_and_no_user_or_person_is_created()
    {
        await As("mari.hovde");
        var before = await Counts();

        var error = await Assert.ThrowsAsync<DomainException>(() => Admin.CreateUserAsync("Kari Nordmann", null, "kari.nordmann", "kort"));

        Assert.Equal("Passordet må ha minst 10 tegn. Passordet må ha minst ett spesialtegn. Passordet må ha minst ett tall. " +
            "Passordet må ha minst én stor bokstav.", error.Message);
        Assert.Equal(before, await Counts());
    }

    [Fact]
    public async Task A_user_name_already_in_use_is_refused_in_Norwegian()
    {
        await As("admin");
        var before = await Counts();

        var error = await Assert.ThrowsAsync<DomainException>(() => Admin.CreateUserAsync("Hilde Moen", null, "hilde.moen", StrongPassword));

        Assert.Equal("Brukernavnet «hilde.moen» er allerede i bruk.", error.Message);
        Assert.Equal(before, await Counts());
    }

    [Fact]
    public async Task A_deactivated_user_is_refused_on_their_next_command_and_acts_again_once_reactivated()
    {
        var stampBefore = (await User("geir.lien")).SecurityStamp;
        await As("admin");
        await Admin.DeactivateAsync((await User("geir.lien")).Id);

        var deactivated = await User("geir.lien");
        Assert.True(deactivated.IsDeactivated);
        Assert.NotEqual(stampBefore, deactivated.SecurityStamp); // the cookie fails its next revalidation
        Assert.Equal(UserStatus.Deactivated, Assert.Single(await Admin.ListAsync("Geir Lien")).Status);
        Assert.Empty(await Admin.ListAsync("Geir Lien", deactivated: false));

        await As("geir.lien");
        var error = await Assert.ThrowsAsync<DomainException>(async () => await Service<CaseWork>().CreateDraftAsync(await Draft()));
        Assert.Equal("Brukeren din er ikke lenger aktiv. Kontakt sekretariatet.", error.Message);
        var refused = await Assert.ThrowsAsync<DomainException>(() => Admin.ListAsync());
        Assert.Equal("Brukeren din er ikke lenger aktiv. Kontakt sekretariatet.", refused.Message);

        await As("mari.hovde");
        await Admin.ReactivateAsync(deactivated.Id);
        await As("geir.lien");
        await Service<CaseWork>().CreateDraftAsync(await Draft());
    }

    [Fact]
    public async Task An_administrator_cannot_deactivate_themself()
    {
        await As("admin");
        var admin = await User("admin");

        var error = await Assert.ThrowsAsync<DomainException>(() => Admin.DeactivateAsync(admin.Id));

        Assert.Equal("Du kan ikke deaktivere din egen bruker. Be en annen administrator eller sekretariatet om det.", error.Message);
        Assert.False((await User("admin")).IsDeactivated);
    }

    [Fact]
    public async Task The_secretariat_cannot_deactivate_the_administrator_or_set_their_password()
    {
        var admin = await User("admin");
        await As("mari.hovde");

        var deactivate = await Assert.ThrowsAsync<DomainException>(() => Admin.DeactivateAsync(admin.Id));
        var reset = await Assert.ThrowsAsync<DomainException>(() => Admin.ResetPasswordAsync(admin.Id, StrongPassword));

        Assert.Equal("Bare en administrator kan deaktivere en administrator eller gi den nytt passord.", deactivate.Message);
        Assert.Equal(deactivate.Message, reset.Message);
        Assert.True(await PasswordWorks("admin", "Innlandet-2026"));
    }

    [Fact]
    public async Task A_secretariat_seat_ended_yesterday_gives_no_rights_today()
    {
        var geir = await User("geir.lien");
        var personId = geir.PersonId!.Value;
        var secretariatSeats = await Query(db => db.Seats.Where(s => s.PersonId == personId && s.Role == SeatRole.Secretariat).Select(s => s.Id).ToListAsync());
        await As("admin");
        foreach (var seat in secretariatSeats) await Admin.EndSeatAsync(seat, Today.AddDays(-1));

        await As("geir.lien");
        var error = await Assert.ThrowsAsync<DomainException>(async () => await Service<CaseWork>().CreateDraftAsync(await Draft()));

        Assert.Equal("Bare sekretariatet kan opprette saker.", error.Message);
        await Assert.ThrowsAsync<DomainException>(() => Admin.ListAsync());
        // Still a member of AU: the seat he holds today is all that remains current.
        await As("admin");
        Assert.Equal(["Medlem i AU"], Assert.Single(await Admin.ListAsync("geir.lien")).CurrentSeats.Select(s => s.RoleIn()));
    }

    [Fact]
    public async Task A_reset_password_replaces_the_old_one_and_a_weak_one_is_refused()
    {
        var hilde = await User("hilde.moen");
        await As("admin");

        var weak = await Assert.ThrowsAsync<DomainException>(() => Admin.ResetPasswordAsync(hilde.Id, "hemmelig-passord"));
        Assert.Equal("Passordet må ha minst ett tall. Passordet må ha minst én stor bokstav.", weak.Message);
        Assert.True(await PasswordWorks("hilde.moen", "Innlandet-2026"));

        await Admin.ResetPasswordAsync(hilde.Id, StrongPassword);

        Assert.True(await PasswordWorks("hilde.moen", StrongPassword));
        Assert.False(await PasswordWorks("hilde.moen", "Innlandet-2026"));
        Assert.NotEqual(hilde.SecurityStamp, (await User("hilde.moen")).SecurityStamp);
    }

    [Fact]
    public async Task An_administrator_seats_a_chair_who_leads_without_giving_the_partys_position()
    {
        var person = (await User("silje.vang")).PersonId!.Value;
        var (committee, hamar) = (await Body("FU-PHBU"), await Party("Helseregion Hamar"));
        Guid oldSeat;
        await using (var db = Database.NewContext())
            oldSeat = await db.Seats.Where(x => x.BodyId == committee && x.PersonId == person && x.Role == SeatRole.Chair).Select(x => x.Id).SingleAsync();
        await As("admin");
        await Admin.EndSeatAsync(oldSeat, Today.AddDays(-1));

        await Admin.AddSeatAsync(person, committee, SeatRole.Chair, hamar, null, null, Today, null, withoutPosition: true);

        await using var check = Database.NewContext();
        var seat = await check.Seats.SingleAsync(x => x.BodyId == committee && x.PersonId == person && x.From == Today);
        Assert.True(seat.WithoutPosition);
        Assert.False(seat.MayHoldPosition);
        var member = await Assert.ThrowsAsync<DomainException>(() =>
            Admin.AddSeatAsync(person, committee, SeatRole.Member, hamar, null, null, Today.AddYears(3), null, withoutPosition: true));
        Assert.Contains("leder", member.Message);
    }

    [Fact]
    public async Task A_seat_that_breaks_a_body_s_rule_is_refused_in_Norwegian_and_not_added()
    {
        var person = (await User("hilde.moen")).PersonId!.Value;
        var (ssu, au, hospital) = (await Body("SSU"), await Body("AU"), await Party("Sykehuset Innlandet HF"));
        await As("mari.hovde");
        var before = await Counts();

        var secondChair = await Assert.ThrowsAsync<DomainException>(() =>
            Admin.AddSeatAsync(person, ssu, SeatRole.Chair, hospital, null, null, Today, null));
        var noParty = await Assert.ThrowsAsync<DomainException>(() =>
            Admin.AddSeatAsync(person, au, SeatRole.Member, null, null, null, Today, null));
        var backwards = await Assert.ThrowsAsync<DomainException>(() =>
            Admin.AddSeatAsync(person, ssu, SeatRole.Observer, null, null, "KS", Today, Today.AddDays(-1)));

        Assert.Equal("SSU har allerede en leder i perioden 01.01.2026–31.12.2027.", secondChair.Message);
        Assert.Equal("Vervet som medlem må representere en part.", noParty.Message);
        Assert.Equal("En periode kan ikke slutte før den begynner.", backwards.Message);
        Assert.Equal(before, await Counts());
    }

    [Fact]
    public async Task Ending_a_seat_cannot_extend_it_and_an_ended_seat_is_listed_with_its_last_day()
    {
        var hilde = await User("hilde.moen");
        await As("admin");
        var seat = Assert.Single((await Admin.GetAsync(hilde.Id))!.Seats);

        var error = await Assert.ThrowsAsync<DomainException>(() => Admin.EndSeatAsync(seat.SeatId, new DateOnly(2028, 6, 30)));
        Assert.Equal("Vervet varer bare til 31.12.2027. Å avslutte et verv kan ikke forlenge det.", error.Message);

        await Admin.EndSeatAsync(seat.SeatId, Today.AddDays(-1));

        var ended = Assert.Single((await Admin.GetAsync(hilde.Id))!.Seats);
        Assert.Equal(("01.01.2026–21.11.2026", false, true), (ended.Term.ToString(), ended.IsCurrent, ended.HasEnded));
        Assert.Empty(Assert.Single(await Admin.ListAsync("Hilde Moen")).CurrentSeats);
    }

    [Fact]
    public async Task A_person_is_renamed_and_given_a_new_title()
    {
        var hilde = await User("hilde.moen");
        await As("mari.hovde");

        await Admin.UpdatePersonAsync(hilde.PersonId!.Value, "Hilde Moen Skaug", "kommunaldirektør, Gjøvik kommune");
        var blank = await Assert.ThrowsAsync<DomainException>(() => Admin.UpdatePersonAsync(hilde.PersonId!.Value, " ", null));

        Assert.Equal("En person må ha et navn.", blank.Message);
        var row = Assert.Single(await Admin.ListAsync("skaug"));
        Assert.Equal(("Hilde Moen Skaug", "kommunaldirektør, Gjøvik kommune"), (row.Name, row.Title));
    }

    [Fact]
    public async Task A_person_is_given_an_email_address_and_may_turn_reminders_off()
    {
        var hilde = await User("hilde.moen");
        await As("mari.hovde");
        Assert.Equal("hilde.moen@eksempel.no", (await Admin.GetAsync(hilde.Id))!.Email);

        await Admin.UpdatePersonAsync(hilde.PersonId!.Value, "Hilde Moen", null, "hilde.moen@gjovik.eksempel.no", wantsReminders: false);
        var wrong = await Assert.ThrowsAsync<DomainException>(() => Admin.UpdatePersonAsync(hilde.PersonId!.Value, "Hilde Moen", null, "hilde"));

        Assert.Equal("«hilde» er ikke en gyldig e-postadresse.", wrong.Message);
        var details = (await Admin.GetAsync(hilde.Id))!;
        Assert.Equal(("hilde.moen@gjovik.eksempel.no", false), (details.Email, details.WantsReminders));
    }

    [Fact]
    public async Task The_list_shows_each_user_with_title_current_seats_and_status_and_finds_them_by_name_or_user_name()
    {
        await As("admin");

        var all = await Admin.ListAsync();
        var byName = Assert.Single(await Admin.ListAsync("per olav"));
        var byUserName = Assert.Single(await Admin.ListAsync("PEROLAV"));

        Assert.Equal(await Query(db => db.Users.CountAsync()), all.Count);
        Assert.Equal(byName.UserId, byUserName.UserId);
        Assert.Equal(("Per Olav Nes", "perolav.nes", "fastlegerepresentant, Brumunddal legesenter", UserStatus.Active),
            (byName.Name, byName.UserName, byName.Title, byName.Status));
        Assert.Equal(["Deltaker i PM", "Deltaker i SSU", "Nestleder i AU"], byName.CurrentSeats.Select(s => s.RoleIn()).Order(StringComparer.Ordinal));
        Assert.True(Assert.Single(all, r => r.UserName == "admin").IsAdministrator);
    }
}

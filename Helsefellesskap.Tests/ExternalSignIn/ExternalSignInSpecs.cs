using System.Security.Claims;
using Helsefellesskap.App.Features.ExternalSignIn;
using Helsefellesskap.Domain;
using Helsefellesskap.Domain.Access;
using Helsefellesskap.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Helsefellesskap.Tests.ExternalSignIn;

/// <summary>Linking an organisation's identity to a person, on a copy of the seeded database.</summary>
public sealed class ExternalSignInSpecs(DemoDatabaseTemplate template) : ServiceSpec(template)
{
    private static readonly OidcProvider Entra = new()
    {
        Name = "entra", DisplayName = "Innlandet Entra ID", Authority = "https://login.microsoftonline.com/x/v2.0", ClientId = "hf",
        MatchClaim = "email", SecondFactorAmr = ["mfa"], RequireSecondFactorFor = [WritingRole.Representative, WritingRole.Secretariat],
        OrganisationClaim = "tid", Organisations = new() { ["11111111-aaaa-4bbb-8ccc-000000000001"] = "Kommunene i Innlandet (samlet)" },
    };

    private static ClaimsPrincipal Token(string subject, string email, string[]? amr = null, string? tenant = null) =>
        new(new ClaimsIdentity(new[] { new Claim("sub", subject), new Claim("email", email) }
            .Concat((amr ?? ["pwd", "mfa"]).Select(a => new Claim("amr", a)))
            .Concat(tenant is null ? [] : [new Claim("tid", tenant)]), "oidc"));

    private ExternalIdentities Identities => Service<ExternalIdentities>();

    /// <summary>The person's address as the secretariat registers it on /admin/brukere/{id} (Person.Email).</summary>
    private async Task GiveEmailAsync(string userName, string email)
    {
        await using var db = Database.NewContext();
        var personId = await db.Users.Where(u => u.UserName == userName).Select(u => u.PersonId!.Value).SingleAsync();
        (await db.People.SingleAsync(p => p.Id == personId)).ChangeEmail(email);
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task A_first_sign_in_matches_the_person_s_e_mail_address_not_the_user_account_s()
    {
        // The demo people have addresses (hilde.moen@eksempel.no) on their person only; their user accounts have none.
        await using (var db = Database.NewContext())
        {
            var hilde = await db.Users.SingleAsync(u => u.UserName == "hilde.moen");
            Assert.Null(hilde.Email);
        }

        var result = await Identities.SignInAsync(Entra, Token("entra-hilde", "Hilde.Moen@Eksempel.no"));

        Assert.Equal(ExternalSignInOutcome.SignedIn, result.Outcome);
        Assert.Equal("hilde.moen", result.User!.UserName);
    }

    [Fact]
    public async Task An_address_left_only_on_the_user_account_after_the_person_s_changed_matches_no_one()
    {
        await using (var db = Database.NewContext())
        {
            var hilde = await db.Users.SingleAsync(u => u.UserName == "hilde.moen");
            (hilde.Email, hilde.NormalizedEmail) = ("hilde.moen@gammel.kommune.no", "HILDE.MOEN@GAMMEL.KOMMUNE.NO");
            await db.SaveChangesAsync();
        }
        await GiveEmailAsync("hilde.moen", "hilde.moen@gjovik.kommune.no");

        Assert.Equal(ExternalSignInOutcome.Unknown, (await Identities.SignInAsync(Entra, Token("entra-old", "hilde.moen@gammel.kommune.no"))).Outcome);
        Assert.Equal("hilde.moen", (await Identities.SignInAsync(Entra, Token("entra-hilde", "hilde.moen@gjovik.kommune.no"))).User!.UserName);
    }

    [Fact]
    public async Task An_address_two_people_share_links_neither_of_them()
    {
        await GiveEmailAsync("hilde.moen", "postmottak@gjovik.kommune.no");
        await GiveEmailAsync("perolav.nes", "postmottak@gjovik.kommune.no");

        var result = await Identities.SignInAsync(Entra, Token("entra-postmottak", "postmottak@gjovik.kommune.no"));

        Assert.Equal(ExternalSignInOutcome.Unknown, result.Outcome);
        await using var db = Database.NewContext();
        Assert.Equal(0, await db.Set<ExternalLogin>().CountAsync());
    }

    [Fact]
    public async Task A_first_sign_in_links_the_identity_to_the_person_matched_by_the_configured_claim()
    {
        await GiveEmailAsync("hilde.moen", "hilde.moen@gjovik.kommune.no");

        var result = await Identities.SignInAsync(Entra, Token("entra-hilde", "Hilde.Moen@gjovik.kommune.no"));

        Assert.Equal(ExternalSignInOutcome.SignedIn, result.Outcome);
        Assert.Equal("hilde.moen", result.User!.UserName);
        await using var db = Database.NewContext();
        var link = await db.Set<ExternalLogin>().SingleAsync();
        Assert.Equal((result.User.Id, "entra", "entra-hilde", "email"), (link.UserId, link.Provider, link.Subject, link.LinkedByClaim));
        Assert.Equal(FixedClock.DemoNow, link.LinkedAt);
        Assert.Contains(await db.AuditRecords.ToListAsync(), r => r.Action?.Contains("Innlogging med Innlandet Entra ID knyttet") == true);
    }

    [Fact]
    public async Task A_later_sign_in_finds_the_person_by_the_provider_s_subject_whatever_the_claim_says_then()
    {
        await GiveEmailAsync("hilde.moen", "hilde.moen@gjovik.kommune.no");
        await Identities.SignInAsync(Entra, Token("entra-hilde", "hilde.moen@gjovik.kommune.no"));

        var later = await Identities.SignInAsync(Entra, Token("entra-hilde", "hilde.moen@ny.kommune.no"));

        Assert.Equal("hilde.moen", later.User!.UserName);
        await using var db = Database.NewContext();
        Assert.Equal(1, await db.Set<ExternalLogin>().CountAsync());
    }

    [Fact]
    public async Task An_unknown_identity_is_refused_and_nothing_is_created()
    {
        int users, people, links;
        await using (var db = Database.NewContext())
            (users, people, links) = (await db.Users.CountAsync(), await db.People.CountAsync(), await db.Set<ExternalLogin>().CountAsync());

        var result = await Identities.SignInAsync(Entra, Token("entra-ukjent", "ukjent@kommune.no"));

        Assert.Equal(ExternalSignInOutcome.Unknown, result.Outcome);
        Assert.Null(result.User);
        await using var after = Database.NewContext();
        Assert.Equal((users, people, links), (await after.Users.CountAsync(), await after.People.CountAsync(), await after.Set<ExternalLogin>().CountAsync()));
    }

    [Fact]
    public async Task A_second_identity_with_the_same_address_does_not_take_over_a_linked_person()
    {
        await GiveEmailAsync("hilde.moen", "hilde.moen@gjovik.kommune.no");
        await Identities.SignInAsync(Entra, Token("entra-hilde", "hilde.moen@gjovik.kommune.no"));

        var other = await Identities.SignInAsync(Entra, Token("entra-someone-else", "hilde.moen@gjovik.kommune.no"));

        Assert.Equal(ExternalSignInOutcome.Unknown, other.Outcome);
    }

    [Fact]
    public async Task A_deactivated_person_is_refused_an_external_sign_in_too()
    {
        await GiveEmailAsync("hilde.moen", "hilde.moen@gjovik.kommune.no");
        await As("admin");
        await Service<App.Features.Administration.UserAdministration>().DeactivateAsync(await UserId("hilde.moen"));

        var result = await Identities.SignInAsync(Entra, Token("entra-hilde", "hilde.moen@gjovik.kommune.no"));

        Assert.Equal(ExternalSignInOutcome.Deactivated, result.Outcome);
    }

    [Fact]
    public async Task The_sign_in_s_claims_carry_the_second_factor_and_the_proved_party_to_every_command()
    {
        await GiveEmailAsync("perolav.nes", "perolav.nes@legene.no");
        var result = await Identities.SignInAsync(Entra, Token("entra-perolav", "perolav.nes@legene.no", tenant: "11111111-aaaa-4bbb-8ccc-000000000001"));

        var proof = SignInClaims.ProofOf(new ClaimsPrincipal(new ClaimsIdentity(result.Claims, "Test")))!;

        Assert.True(proof.SecondFactor);
        Assert.Equal("11111111-aaaa-4bbb-8ccc-000000000001", proof.Organisation);
        Assert.Equal(await Party("Kommunene i Innlandet (samlet)"), proof.OrganisationPartyId);
    }

    [Fact]
    public async Task Only_an_administrator_switches_password_sign_in_off()
    {
        await As("mari.hovde");
        await Assert.ThrowsAsync<DomainException>(() => Service<LocalSignIn>().SwitchAsync(off: true));
        Assert.False(await Service<LocalSignIn>().IsOffAsync());

        await As("admin");
        await Service<LocalSignIn>().SwitchAsync(off: true);
        Assert.True(await Service<LocalSignIn>().IsOffAsync());
    }
}

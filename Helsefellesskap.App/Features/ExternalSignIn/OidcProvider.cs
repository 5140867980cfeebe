using Helsefellesskap.Domain.Access;

namespace Helsefellesskap.App.Features.ExternalSignIn;

/// <summary>
/// One organisation's identity provider, configured under <c>Authentication:Oidc:&lt;name&gt;</c> (Entra ID,
/// ID-porten, Ansattporten). The name goes into the scheme and the callback path: <c>/signin-oidc-&lt;name&gt;</c>.
/// </summary>
public sealed class OidcProvider
{
    public string Name { get; set; } = "";

    /// <summary>The text on the button: "Logg inn med {DisplayName}".</summary>
    public string DisplayName { get; set; } = "";
    public string Authority { get; set; } = "";
    public string ClientId { get; set; } = "";
    public string? ClientSecret { get; set; }
    /// <summary>Empty: openid, profile and email. (The configuration binder adds to a default array, so none is set here.)</summary>
    public string[] Scopes { get; set; } = [];

    public IEnumerable<string> ScopesToAsk => Scopes.Length > 0 ? Scopes.Append("openid").Distinct() : ["openid", "profile", "email"];

    /// <summary>The claim that identifies a person on the first sign-in (email, upn, preferred_username).</summary>
    public string MatchClaim { get; set; } = "email";

    /// <summary>What the claim is compared with: the person's <c>Email</c> (an administrator without a person: the account's) or the <c>UserName</c>.</summary>
    public string MatchOn { get; set; } = "Email";

    /// <summary>The provider's stable identifier of the person.</summary>
    public string SubjectClaim { get; set; } = "sub";

    /// <summary>amr values that count as a second factor (Entra: mfa; ID-porten: e.g. BankID gives amr "BankID").</summary>
    public string[] SecondFactorAmr { get; set; } = [];

    /// <summary>acr values that count as a second factor (ID-porten/Ansattporten: idporten-loa-substantial, idporten-loa-high).</summary>
    public string[] SecondFactorAcr { get; set; } = [];

    /// <summary>The roles that must sign in with a second factor to write; without it they are signed in read-only.</summary>
    public WritingRole[] RequireSecondFactorFor { get; set; } = [];

    /// <summary>The claim naming the organisation (Entra: tid; Ansattporten: authorization_details); null: proves no party.</summary>
    public string? OrganisationClaim { get; set; }

    /// <summary>Organisation (org number or tenant id) → the party's name, as in the register of parties.</summary>
    public Dictionary<string, string> Organisations { get; set; } = [];

    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>Also read claims from the userinfo endpoint (ID-porten puts few claims in the id_token).</summary>
    public bool GetClaimsFromUserInfoEndpoint { get; set; }

    public string Scheme => $"oidc-{Name}";
    public string CallbackPath => $"/signin-oidc-{Name}";
    public bool ProvesParty => !string.IsNullOrWhiteSpace(OrganisationClaim);
}

/// <summary>The configured providers, in the order of the configuration.</summary>
public sealed class OidcProviders(IReadOnlyList<OidcProvider> all)
{
    public IReadOnlyList<OidcProvider> All { get; } = all;

    public OidcProvider? Find(string? name) => All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    public static OidcProviders From(IConfiguration configuration) => new(configuration.GetSection("Authentication:Oidc").GetChildren()
        .Select(section =>
        {
            var provider = new OidcProvider();
            section.Bind(provider);
            provider.Name = section.Key.ToLowerInvariant();
            if (string.IsNullOrWhiteSpace(provider.DisplayName)) provider.DisplayName = section.Key;
            return provider;
        })
        .Where(p => !string.IsNullOrWhiteSpace(p.Authority) && !string.IsNullOrWhiteSpace(p.ClientId))
        .ToList());
}

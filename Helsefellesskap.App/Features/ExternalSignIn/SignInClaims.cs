using System.Security.Claims;
using System.Text.RegularExpressions;
using Helsefellesskap.Domain.Access;

namespace Helsefellesskap.App.Features.ExternalSignIn;

/// <summary>
/// What an external sign-in proved, carried in the app's own cookie as claims, so every command reads it with the
/// user's seats. A sign-in through a provider is marked by its authentication method; should a cookie lose the
/// other claims (a renewal keeps only the method), it proves nothing until the user signs in again.
/// </summary>
public static partial class SignInClaims
{
    public const string MethodPrefix = "oidc:";
    public const string Provider = "hf:provider";
    public const string SecondFactor = "hf:second_factor";
    public const string SecondFactorRequiredFor = "hf:second_factor_required_for";
    public const string ProvesParty = "hf:proves_party";
    public const string Organisation = "hf:organisation";
    public const string OrganisationParty = "hf:organisation_party";

    public static IReadOnlyList<Claim> Of(OidcProvider provider, SignInProof proof)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.AuthenticationMethod, MethodPrefix + provider.Name),
            new(Provider, proof.Provider),
            new(SecondFactor, proof.SecondFactor ? "true" : "false"),
        };
        claims.AddRange(proof.SecondFactorRequiredFor.Select(r => new Claim(SecondFactorRequiredFor, r.ToString())));
        if (proof.ProvesParty) claims.Add(new Claim(ProvesParty, "true"));
        if (proof.Organisation is { } org) claims.Add(new Claim(Organisation, org));
        if (proof.OrganisationPartyId is { } party) claims.Add(new Claim(OrganisationParty, party.ToString()));
        return claims;
    }

    /// <summary>The proof of the principal's sign-in; null for a password sign-in.</summary>
    public static SignInProof? ProofOf(ClaimsPrincipal principal)
    {
        var method = principal.FindFirstValue(ClaimTypes.AuthenticationMethod);
        if (method is null || !method.StartsWith(MethodPrefix, StringComparison.Ordinal)) return null;
        if (principal.FindFirstValue(Provider) is not { } provider) return SignInProof.Unknown(method[MethodPrefix.Length..]);
        return new SignInProof(provider,
            principal.FindFirstValue(SecondFactor) == "true",
            principal.FindAll(SecondFactorRequiredFor).Select(c => Enum.TryParse<WritingRole>(c.Value, out var r) ? r : (WritingRole?)null)
                .OfType<WritingRole>().ToHashSet(),
            principal.FindFirstValue(ProvesParty) == "true",
            principal.FindFirstValue(Organisation),
            Guid.TryParse(principal.FindFirstValue(OrganisationParty), out var party) ? party : null);
    }

    /// <summary>A second factor: an amr value or the acr the provider's configuration counts as one.</summary>
    public static bool HasSecondFactor(OidcProvider provider, ClaimsPrincipal external) =>
        external.FindAll("amr").Any(c => provider.SecondFactorAmr.Contains(c.Value, StringComparer.OrdinalIgnoreCase)) ||
        external.FindAll("acr").Any(c => provider.SecondFactorAcr.Contains(c.Value, StringComparer.OrdinalIgnoreCase));

    /// <summary>
    /// The organisations the token names in the configured claim: its values, or, where a value is JSON (Ansattporten's
    /// authorization_details with its reportees, "0192:987654321"), the nine-digit organisation numbers in it.
    /// </summary>
    public static IReadOnlyList<string> OrganisationsNamed(OidcProvider provider, ClaimsPrincipal external)
    {
        if (provider.OrganisationClaim is not { Length: > 0 } type) return [];
        return external.FindAll(type)
            .SelectMany(c => c.Value.TrimStart() is ['{' or '[', ..] ? OrgNumber().Matches(c.Value).Select(m => m.Value) : [c.Value.Trim()])
            .Where(v => v.Length > 0)
            .Distinct()
            .ToList();
    }

    [GeneratedRegex(@"(?<!\d)\d{9}(?!\d)")]
    private static partial Regex OrgNumber();
}

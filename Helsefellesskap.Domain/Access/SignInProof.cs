namespace Helsefellesskap.Domain.Access;

/// <summary>The roles that write on the partnership's record, each of which a provider may require a second factor for.</summary>
public enum WritingRole
{
    Administrator,
    Secretariat,
    /// <summary>Chair or deputy chair of a body.</summary>
    Chair,
    /// <summary>A seat that states a party's position: member or substitute (and a chair with a position).</summary>
    Representative,
}

/// <summary>
/// What a sign-in through the organisation's own identity provider proved: whether it used a second factor (read
/// from the token's amr/acr), which roles the provider requires one for, and, for a provider that proves parties,
/// which organisation it named and the party that organisation is. A password sign-in proves none of this and is
/// governed only by whether local sign-in is allowed.
/// </summary>
public sealed record SignInProof(
    string Provider,
    bool SecondFactor,
    IReadOnlySet<WritingRole> SecondFactorRequiredFor,
    bool ProvesParty = false,
    string? Organisation = null,
    Guid? OrganisationPartyId = null)
{
    /// <summary>
    /// The proof of a sign-in whose details were lost (its cookie was renewed without them): it proves nothing,
    /// so it writes nothing until the user signs in again.
    /// </summary>
    public static SignInProof Unknown(string provider) => new(provider, false,
        new HashSet<WritingRole>(Enum.GetValues<WritingRole>()), ProvesParty: true);

    public bool Proves(Guid partyId) => !ProvesParty || OrganisationPartyId == partyId;
}

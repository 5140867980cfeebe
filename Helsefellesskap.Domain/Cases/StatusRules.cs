namespace Helsefellesskap.Domain.Cases;

/// <summary>
/// The version of the rules that compute a case's <see cref="Case.Status"/>, the body it is ready for, and each
/// treatment's <see cref="Treatment.Outcome"/>. The register stores what they computed when each case was last
/// saved; raise this number with any change to those rules that can move an existing case, and the next start-up
/// recomputes the stored columns of every case.
/// </summary>
public static class StatusRules
{
    public const int Version = 1;
}

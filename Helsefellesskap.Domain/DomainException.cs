namespace Helsefellesskap.Domain;

/// <summary>
/// The one exception the domain throws when a business rule is broken.
/// Its message names the rule in Norwegian, so the app can show it to the user as it is.
/// </summary>
/// <param name="field">
/// The field the rule is about, when it is about one (a constant next to the rule, e.g. <c>Case.ProposalField</c>),
/// so a page shows the refusal at that field without reading the message.
/// </param>
public sealed class DomainException(string message, string? field = null) : Exception(message)
{
    public string? Field { get; } = field;

    public static void ThrowIf(bool broken, string message, string? field = null)
    {
        if (broken) throw new DomainException(message, field);
    }
}

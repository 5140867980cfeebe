namespace Helsefellesskap.Domain;

/// <summary>
/// The one exception the domain throws when a business rule is broken.
/// Its message names the rule in Norwegian, so the app can show it to the user as it is.
/// </summary>
public sealed class DomainException(string message) : Exception(message)
{
    public static void ThrowIf(bool broken, string message)
    {
        if (broken) throw new DomainException(message);
    }
}

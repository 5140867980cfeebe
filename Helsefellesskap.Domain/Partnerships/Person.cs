namespace Helsefellesskap.Domain.Partnerships;

/// <summary>A person who holds seats. Each person signs in as one user of the app.</summary>
public sealed class Person : Entity
{
    private Person() { Name = ""; }

    public Person(Guid partnershipId, string name, string? title = null)
    {
        PartnershipId = partnershipId;
        Name = "";
        Rename(name);
        ChangeTitle(title);
    }

    public Guid PartnershipId { get; private set; }
    public string Name { get; private set; }

    /// <summary>Position and employer, e.g. "kommunalsjef helse og omsorg, Vang kommune".</summary>
    public string? Title { get; private set; }

    public void Rename(string name)
    {
        DomainException.ThrowIf(string.IsNullOrWhiteSpace(name), "En person må ha et navn.");
        Name = name.Trim();
    }

    /// <summary>A blank title removes it: not everyone has one worth showing.</summary>
    public void ChangeTitle(string? title) => Title = string.IsNullOrWhiteSpace(title) ? null : title.Trim();

    /// <summary>Where notices and reminders go; a person without one gets nothing by e-mail.</summary>
    public string? Email { get; private set; }

    /// <summary>Reminders may be turned off; notices and approved minutes are always sent.</summary>
    public bool WantsReminders => !RemindersTurnedOff;

    // Stored the way round whose default (false) is what an existing person has: reminders on.
    public bool RemindersTurnedOff { get; private set; }

    /// <summary>A blank address removes it. An address must look like one: a name, one @, a domain with a dot.</summary>
    public void ChangeEmail(string? email)
    {
        if (string.IsNullOrWhiteSpace(email)) { Email = null; return; }
        var address = email.Trim();
        DomainException.ThrowIf(!LooksLikeEmail(address), $"«{address}» er ikke en gyldig e-postadresse.");
        Email = address;
    }

    public void ChooseReminders(bool wanted) => RemindersTurnedOff = !wanted;

    private static bool LooksLikeEmail(string address)
    {
        var at = address.IndexOf('@');
        if (at <= 0 || at != address.LastIndexOf('@') || address.Length > 254) return false;
        var domain = address[(at + 1)..];
        return domain.Contains('.') && !domain.StartsWith('.') && !domain.EndsWith('.')
            && !address.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '<' or '>' or ',' or ';' or '"');
    }
}

namespace Helsefellesskap.Domain.Cases;

/// <summary>What a treatment amounts to. Always computed from the positions, never set by anyone.</summary>
public enum Outcome
{
    /// <summary>A party disagrees or has not stated a position on the current wording.</summary>
    NoConsensus,
    /// <summary>Every party agrees in a deciding body: binds the partners.</summary>
    Binding,
    /// <summary>Every party agrees, but local ratification is required before it binds (vedtatt med forbehold).</summary>
    AdoptedPendingRatification,
    /// <summary>A party rejected it in local ratification.</summary>
    NotAdopted,
    /// <summary>Every party of a preparing body agrees: a recommendation (innstilling).</summary>
    Recommendation,
    /// <summary>Every party of an advising body agrees: advice.</summary>
    Advice,
    /// <summary>An information case: taken for information (tatt til orientering).</summary>
    Noted,
    /// <summary>A preparing or advising body sent the case back to the secretariat with a comment.</summary>
    SentBack,
}

/// <summary>What happens to a case that found no consensus; the chair chooses.</summary>
public enum NextStep { BackToWorkingCommittee, LaterMeeting, UpToPartnershipMeeting }

/// <summary>How the parties stand on the current wording: the board a meeting looks at.</summary>
public sealed record ConsensusTally(
    IReadOnlyCollection<Guid> Required,
    IReadOnlyCollection<Guid> Agreeing,
    IReadOnlyCollection<Guid> Disagreeing,
    IReadOnlyCollection<Guid> Missing,
    IReadOnlyCollection<Guid> Reserving)
{
    public bool EveryPartyAgrees => Required.Count > 0 && Agreeing.Count == Required.Count;

    /// <summary>"7 av 8 parter enige – venter på Sykehuset Innlandet HF".</summary>
    public string Summary(Func<Guid, string> partyName)
    {
        var head = $"{Agreeing.Count} av {Required.Count} parter enige";
        var parts = new List<string>();
        if (Disagreeing.Count > 0) parts.Add("uenig: " + Names(Disagreeing, partyName));
        if (Missing.Count > 0) parts.Add("venter på " + Names(Missing, partyName));
        return parts.Count == 0 ? head : head + " – " + string.Join("; ", parts);
    }

    private static string Names(IEnumerable<Guid> ids, Func<Guid, string> partyName)
    {
        var names = ids.Select(partyName).Order(StringComparer.Create(new("nb-NO"), false)).ToList();
        return names.Count <= 1 ? string.Join("", names) : string.Join(", ", names[..^1]) + " og " + names[^1];
    }
}

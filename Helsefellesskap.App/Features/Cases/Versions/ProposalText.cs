using Helsefellesskap.Domain;
using Helsefellesskap.Domain.Cases;

namespace Helsefellesskap.App.Features.Cases.Versions;

public static class ProposalText
{
    /// <summary>"Versjon 3 – innstilling fra AU, 12.11.2026".</summary>
    public static string Describe(ProposalVersion version) =>
        $"Versjon {version.Version} – {version.Label()}, {version.At.Format("dd.MM.yyyy")}";
}

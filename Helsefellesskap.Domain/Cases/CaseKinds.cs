namespace Helsefellesskap.Domain.Cases;

public enum CaseType
{
    /// <summary>Beslutningssak.</summary>
    Decision,
    /// <summary>Drøftingssak.</summary>
    Discussion,
    /// <summary>Orienteringssak: taken for information, no positions.</summary>
    Information,
}

/// <summary>The priorities a case is tagged with: four patient groups and four focus areas.</summary>
[Flags]
public enum CaseTag
{
    None = 0,
    ChildrenAndYouth = 1,
    MentalHealthAndSubstanceAbuse = 2,
    SeveralChronicConditions = 4,
    FrailElderly = 8,
    EmergencyMedicalChain = 16,
    Digitalisation = 32,
    CompetenceAndRecruitment = 64,
    SharedDecisionMaking = 128,
}

public static class CaseTags
{
    public static readonly IReadOnlyList<CaseTag> All =
        Enum.GetValues<CaseTag>().Where(t => t != CaseTag.None).ToList();

    public static IEnumerable<CaseTag> Split(this CaseTag tags) => All.Where(t => tags.HasFlag(t));
}

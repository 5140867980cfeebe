using Helsefellesskap.App.Shared.Text;

namespace Helsefellesskap.App.Features.Cases.Editor;

/// <summary>The case editor's fields whose typing the browser keeps until the server has it.</summary>
public static class CaseDrafts
{
    public const string Title = "title";
    public const string Background = "background";
    public const string Assessment = "assessment";
    public const string ProposedDecision = "proposed-decision";

    /// <summary>The fields the user can still change; a locked field offers no draft back.</summary>
    public static IReadOnlyList<DraftField> Fields(CaseForm.Model form, bool presentationLocked, bool proposalLocked) =>
    [
        .. presentationLocked ? [] : new[]
        {
            new DraftField(Title, "Tittel", form.Title),
            new DraftField(Background, "Bakgrunn", form.Background),
            new DraftField(Assessment, "Vurdering", form.Assessment),
        },
        .. proposalLocked ? [] : new[] { new DraftField(ProposedDecision, "Forslag til vedtak", form.ProposedDecision) },
    ];

    public static IEnumerable<(string Name, string? Text)> Saved(CaseDraftInput input) =>
        [(Title, input.Title), (Background, input.Background), (Assessment, input.Assessment), (ProposedDecision, input.ProposedDecision)];

    public static void Restore(CaseForm.Model form, UnsavedDraft draft)
    {
        switch (draft.Name)
        {
            case Title: form.Title = draft.Text; break;
            case Background: form.Background = draft.Text; break;
            case Assessment: form.Assessment = draft.Text; break;
            case ProposedDecision: form.ProposedDecision = draft.Text; break;
        }
    }
}

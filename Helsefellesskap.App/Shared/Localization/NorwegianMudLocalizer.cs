using Microsoft.Extensions.Localization;
using MudBlazor;
using MudBlazor.Services;

namespace Helsefellesskap.App.Shared.Localization;

/// <summary>
/// MudBlazor's own labels in bokmål ("Tøm", "Øk", "Reduser" instead of "Clear", "Increment", "Decrement"), so a screen
/// reader never announces English in the middle of a Norwegian page. A key without a translation here falls back to
/// MudBlazor's English, which a test watches for on the main pages.
/// </summary>
public sealed class NorwegianMudLocalizer : MudLocalizer
{
    private static readonly Dictionary<string, string> Bokmal = new()
    {
        ["MudAlert_Close"] = "Lukk",
        ["MudChip_Close"] = "Fjern",
        ["MudDialog_Close"] = "Lukk",
        ["MudSnackbar_Close"] = "Lukk",
        ["MudInput_Clear"] = "Tøm feltet",
        ["MudInput_Increment"] = "Øk",
        ["MudInput_Decrement"] = "Reduser",
        ["MudFormComponent_Required"] = "Må fylles ut",
        ["MudSelect_SelectAll"] = "Velg alle",
        ["MudBaseDatePicker_Open"] = "Åpne datovelgeren",
        ["MudBaseDatePicker_NextMonth"] = "Neste måned",
        ["MudBaseDatePicker_PrevMonth"] = "Forrige måned",
        ["MudBaseDatePicker_NextYear"] = "Neste år",
        ["MudBaseDatePicker_PrevYear"] = "Forrige år",
        ["MudDateRangePicker_Start"] = "Fra",
        ["MudDateRangePicker_End"] = "Til",
        ["MudTimePicker_Open"] = "Åpne tidsvelgeren",
        ["MudNavGroup_ToggleExpand"] = "Vis eller skjul",
        ["MudBreadcrumbs_Label"] = "Brødsmulesti",
        ["MudFileUpload_Button"] = "Velg fil",
        ["MudFileUpload_DragAndDrop"] = "Dra og slipp filer hit",
        ["MudTablePager_FirstPage"] = "Første side",
        ["MudTablePager_PreviousPage"] = "Forrige side",
        ["MudTablePager_NextPage"] = "Neste side",
        ["MudTablePager_LastPage"] = "Siste side",
        ["MudPagination_FirstPage"] = "Første side",
        ["MudPagination_PreviousPage"] = "Forrige side",
        ["MudPagination_NextPage"] = "Neste side",
        ["MudPagination_LastPage"] = "Siste side",
        ["MudTable_Loading"] = "Laster …",
        ["MudTable_SelectAllRows"] = "Velg alle rader",
        ["MudTable_SelectRow"] = "Velg rad",
        ["MudTable_ExpandGroup"] = "Vis gruppen",
        ["MudTable_CollapseGroup"] = "Skjul gruppen",
        ["MudTable_EditRow"] = "Rediger rad",
        ["MudTable_CommitRow"] = "Lagre rad",
        ["MudTable_CancelEditRow"] = "Avbryt",
        ["MudTabs_ScrollLeft"] = "Bla til venstre",
        ["MudTabs_ScrollRight"] = "Bla til høyre",
        ["MudTabs_ScrollUp"] = "Bla opp",
        ["MudTabs_ScrollDown"] = "Bla ned",
        ["MudTabs_CloseTab"] = "Lukk fanen",
        ["MudTabs_AddTab"] = "Ny fane",
        ["MudCarousel_Next"] = "Neste",
        ["MudCarousel_Previous"] = "Forrige",
        ["MudStepper_Next"] = "Neste",
        ["MudStepper_Previous"] = "Forrige",
        ["MudStepper_Complete"] = "Fullfør",
        ["MudStepper_Reset"] = "Start på nytt",
        ["MudStepper_Skip"] = "Hopp over",
        ["MudExitPrompt_Title"] = "Forlate siden?",
        ["MudExitPrompt_Text"] = "Det du har skrevet er ikke lagret.",
        ["MudExitPrompt_Exit"] = "Forlat siden",
        ["MudExitPrompt_Cancel"] = "Bli på siden",
    };

    public override LocalizedString this[string key] =>
        Bokmal.TryGetValue(key, out var text) ? new(key, text) : new(key, key, resourceNotFound: true);

    /// <summary>Known labels, for the test that every one of MudBlazor's labels a page shows is Norwegian.</summary>
    public static IReadOnlyDictionary<string, string> Labels => Bokmal;
}

public static class NorwegianMudLabels
{
    /// <summary>MudBlazor keeps English unless told to ignore it; the app's users read bokmål whatever the server's culture.</summary>
    public static IServiceCollection AddNorwegianMudLabels(this IServiceCollection services) =>
        services.AddLocalizationInterceptor(provider => new DefaultLocalizationInterceptor(
            provider.GetRequiredService<ILoggerFactory>(), new NorwegianMudLocalizer()) { IgnoreDefaultEnglish = true });
}

namespace Helsefellesskap.Tests.Browser;

/// <summary>Collections for browser tests that share a demo user one of them changes, so they never run at the same time.</summary>
public static class BrowserUsers
{
    public const string PerOlavNes = "Browser tests that sign in perolav.nes";

    /// <summary>The live meeting test finds the December SSU meeting as the only one with its notice sent; others open their own.</summary>
    public const string SsuMeetings = "Browser tests that open SSU meetings";
}

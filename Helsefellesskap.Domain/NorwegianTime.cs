namespace Helsefellesskap.Domain;

/// <summary>The domain's messages name times as the people in the room read them: in Norwegian time.</summary>
internal static class NorwegianTime
{
    private static readonly TimeZoneInfo Oslo = TimeZoneInfo.FindSystemTimeZoneById("Europe/Oslo");

    /// <summary>"10:42".</summary>
    public static string Clock(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Oslo).ToString("HH:mm");
}

namespace Helsefellesskap.App;

/// <summary>Instants are stored in UTC and shown in Norwegian time.</summary>
public static class OsloTime
{
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Oslo");

    public static DateTimeOffset ToOslo(this DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    public static DateTimeOffset At(DateOnly day, int hour, int minute = 0)
    {
        var local = day.ToDateTime(new TimeOnly(hour, minute));
        return new DateTimeOffset(local, Zone.GetUtcOffset(local));
    }

    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().ToOslo().DateTime);

    public static string Format(this DateTimeOffset instant, string format = "dd.MM.yyyy 'kl.' HH:mm") =>
        instant.ToOslo().ToString(format, Norwegian.Culture);
}

public static class Norwegian
{
    public static readonly System.Globalization.CultureInfo Culture = new("nb-NO");

    /// <summary>"innstilling fra AU" → "Innstilling fra AU".</summary>
    public static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpper(text[0], Culture) + text[1..];
}

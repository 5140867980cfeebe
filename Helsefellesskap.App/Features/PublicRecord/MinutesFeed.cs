using System.Xml.Linq;

namespace Helsefellesskap.App.Features.PublicRecord;

/// <summary>An Atom feed of newly published (approved) minutes, for anyone to follow without signing in.</summary>
public static class MinutesFeed
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    public static IEndpointRouteBuilder MapMinutesFeed(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/offentlig/protokoller.atom", async (HttpRequest request, PublicRecord record, Shared.PartnershipName partnership) =>
        {
            var origin = $"{request.Scheme}://{request.Host}";
            var minutes = await record.MinutesAsync();
            return Results.Text(Build(origin, minutes, partnership.Value).ToString(), "application/atom+xml; charset=utf-8");
        }).AllowAnonymous();
        return endpoints;
    }

    public static XDocument Build(string origin, IReadOnlyList<PublishedMinutes> minutes, string partnershipName)
    {
        var updated = minutes.Count == 0 ? DateTimeOffset.UnixEpoch : minutes.Max(m => m.PublishedAt);
        var feed = new XElement(Atom + "feed",
            new XAttribute(XNamespace.Xml + "lang", "nb"),
            new XElement(Atom + "id", $"{origin}/offentlig/protokoller"),
            new XElement(Atom + "title", $"Protokoller fra {partnershipName}"),
            new XElement(Atom + "updated", updated.ToString("O")),
            new XElement(Atom + "author", new XElement(Atom + "name", $"Sekretariatet i {partnershipName}")),
            new XElement(Atom + "link", new XAttribute("rel", "self"), new XAttribute("href", $"{origin}/offentlig/protokoller.atom")),
            new XElement(Atom + "link", new XAttribute("href", $"{origin}/offentlig/protokoller")),
            minutes.Select(m => new XElement(Atom + "entry",
                new XElement(Atom + "id", $"{origin}/offentlig/protokoll/{m.MeetingId}"),
                new XElement(Atom + "title", $"Protokoll fra {m.BodyName} {m.MeetingAt.Format("d. MMMM yyyy")}"),
                new XElement(Atom + "updated", m.PublishedAt.ToString("O")),
                new XElement(Atom + "link", new XAttribute("href", $"{origin}/offentlig/protokoll/{m.MeetingId}")),
                new XElement(Atom + "summary", $"Godkjent protokoll fra møtet i {m.BodyName} {m.MeetingAt.Format("dd.MM.yyyy")}." +
                    (m.Sha256 is null ? "" : $" Dokumentets kontrollsum (SHA-256): {m.Sha256}") +
                    (m.RecordHead is not { } head ? "" : $" Revisjonsloggen før godkjenningen: post {head.Sequence}, hash {head.Hash}.")))));
        return new XDocument(new XDeclaration("1.0", "utf-8", null), feed);
    }
}

namespace Helsefellesskap.App.Data;

/// <summary>Who is acting through a DbContext, for the audit trail; set when a command reads its actor.</summary>
public sealed record AuditActor(string UserId, string Name, Guid? PersonId);

using Helsefellesskap.Domain;
using Microsoft.EntityFrameworkCore;

namespace Helsefellesskap.App.Shared;

/// <summary>Why a command was refused, in the user's words, and the field it is about when the rule names one.</summary>
public sealed record Refusal(string Message, string? Field = null, bool IsConflict = false)
{
    /// <summary>What the user reads when someone else saved the same thing between our read and our write.</summary>
    public const string ConflictMessage = "Noen andre endret dette i samme øyeblikk. Det du skrev er beholdt; prøv igjen.";
}

/// <summary>
/// The one way a page runs a command: a broken rule, or a change someone else made in the same moment, comes back as
/// a <see cref="Refusal"/> to show. The page's form is left as it is, so nothing the user typed is lost. Anything
/// else is a fault, not a refusal, and is thrown on.
/// </summary>
public static class Command
{
    public static async Task<Refusal?> RunAsync(Func<Task> command)
    {
        try
        {
            await command();
            return null;
        }
        catch (DomainException e)
        {
            return new Refusal(e.Message, e.Field);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new Refusal(Refusal.ConflictMessage, IsConflict: true);
        }
    }
}

/// <summary>What a form shows after the user's last command there: why it was refused, or what was done.</summary>
public sealed class Answer
{
    public string? Error { get; private set; }
    public string? Field { get; private set; }
    public string? Message { get; private set; }
    public bool IsConflict { get; private set; }

    public void Clear()
    {
        Error = Field = Message = null;
        IsConflict = false;
    }

    /// <summary>A refusal the page finds before any command runs, such as a choice not made.</summary>
    public void Refuse(string error, string? field = null)
    {
        Clear();
        (Error, Field) = (error, field);
    }

    /// <summary>
    /// Runs the command and shows <paramref name="done"/>, or the refusal; true when it went through. After the command,
    /// and after a conflict, <paramref name="reload"/> shows the page as it is now (the form keeps what was typed).
    /// </summary>
    public async Task<bool> RunAsync(Func<Task> command, string? done = null, Func<Task>? reload = null)
    {
        Clear();
        var refusal = await Command.RunAsync(async () =>
        {
            await command();
            if (reload is not null) await reload();
        });
        if (refusal is null)
        {
            Message = done;
            return true;
        }
        (Error, Field, IsConflict) = (refusal.Message, refusal.Field, refusal.IsConflict);
        if (refusal.IsConflict && reload is not null) await Command.RunAsync(reload);
        return false;
    }
}

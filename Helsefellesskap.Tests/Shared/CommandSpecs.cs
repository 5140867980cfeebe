using Helsefellesskap.App.Shared;
using Helsefellesskap.Domain;
using Helsefellesskap.Domain.Cases;
using Microsoft.EntityFrameworkCore;

namespace Helsefellesskap.Tests.Shared;

/// <summary>The one way a page runs a command and shows its refusal.</summary>
public class CommandSpecs
{
    [Fact]
    public async Task A_broken_rule_is_shown_in_its_own_words_with_the_field_it_names()
    {
        var refusal = await Command.RunAsync(() => throw new DomainException("En beslutningssak må ha et forslag til vedtak.", Case.ProposalField));

        Assert.Equal(new Refusal("En beslutningssak må ha et forslag til vedtak.", Case.ProposalField), refusal);
    }

    [Fact]
    public async Task Someone_else_s_change_in_the_same_moment_is_one_message_and_the_page_then_shows_what_they_saved()
    {
        var answer = new Answer();
        var reloads = 0;

        var went = await answer.RunAsync(() => throw new DbUpdateConcurrencyException(), "Lagret.", () => { reloads++; return Task.CompletedTask; });

        Assert.False(went);
        Assert.Equal("Noen andre endret dette i samme øyeblikk. Det du skrev er beholdt; prøv igjen.", answer.Error);
        Assert.True(answer.IsConflict);
        Assert.Null(answer.Message);
        Assert.Equal(1, reloads);
    }

    [Fact]
    public async Task A_fault_is_not_a_refusal_and_goes_on_to_the_error_handling()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => Command.RunAsync(() => throw new InvalidOperationException()));
    }

    [Fact]
    public async Task What_was_done_is_shown_only_after_the_command_went_through_and_the_page_is_shown_as_it_is_now()
    {
        var answer = new Answer();
        answer.Refuse("Velg et utvalg.");
        var order = new List<string>();

        var went = await answer.RunAsync(() => { order.Add("command"); return Task.CompletedTask; }, "Vervet er lagt til.",
            () => { order.Add("reload"); return Task.CompletedTask; });

        Assert.True(went);
        Assert.Equal(["command", "reload"], order);
        Assert.Null(answer.Error);
        Assert.Equal("Vervet er lagt til.", answer.Message);

        await answer.RunAsync(() => throw new DomainException("Vervet overlapper et annet."), "Vervet er lagt til.");
        Assert.Equal("Vervet overlapper et annet.", answer.Error);
        Assert.Null(answer.Message);
    }
}

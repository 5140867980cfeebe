using Microsoft.AspNetCore.Identity;

namespace Helsefellesskap.App.Components.Account;

/// <summary>Identity's messages in Norwegian, since users read them as they are.</summary>
public sealed class NorwegianIdentityErrorDescriber : IdentityErrorDescriber
{
    public override IdentityError PasswordMismatch() => new() { Code = nameof(PasswordMismatch), Description = "Det nåværende passordet er feil." };
    public override IdentityError PasswordTooShort(int length) => new() { Code = nameof(PasswordTooShort), Description = $"Passordet må ha minst {length} tegn." };
    public override IdentityError PasswordRequiresNonAlphanumeric() => new() { Code = nameof(PasswordRequiresNonAlphanumeric), Description = "Passordet må ha minst ett spesialtegn." };
    public override IdentityError PasswordRequiresDigit() => new() { Code = nameof(PasswordRequiresDigit), Description = "Passordet må ha minst ett tall." };
    public override IdentityError PasswordRequiresLower() => new() { Code = nameof(PasswordRequiresLower), Description = "Passordet må ha minst én liten bokstav." };
    public override IdentityError PasswordRequiresUpper() => new() { Code = nameof(PasswordRequiresUpper), Description = "Passordet må ha minst én stor bokstav." };
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => new() { Code = nameof(PasswordRequiresUniqueChars), Description = $"Passordet må ha minst {uniqueChars} forskjellige tegn." };
    public override IdentityError DuplicateUserName(string userName) => new() { Code = nameof(DuplicateUserName), Description = $"Brukernavnet «{userName}» er allerede i bruk." };
    public override IdentityError InvalidUserName(string? userName) => new() { Code = nameof(InvalidUserName), Description = $"Brukernavnet «{userName}» kan bare ha bokstaver uten æøå, tall og tegnene - . _ @" };
    public override IdentityError ConcurrencyFailure() => new() { Code = nameof(ConcurrencyFailure), Description = "Brukeren ble endret av noen andre samtidig. Prøv igjen." };
    public override IdentityError DefaultError() => new() { Code = nameof(DefaultError), Description = "Noe gikk galt. Prøv igjen." };
}

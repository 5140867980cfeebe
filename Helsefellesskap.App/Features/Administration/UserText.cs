namespace Helsefellesskap.App.Features.Administration;

public static class UserText
{
    public static string DeactivationQuestion(string who) =>
        $"Deaktivere {who}? Brukeren logges ut straks, også i faner som står åpne, og kan ikke logge inn før en administrator aktiverer den igjen.";
}

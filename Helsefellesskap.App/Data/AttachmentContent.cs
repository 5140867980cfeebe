namespace Helsefellesskap.App.Data;

/// <summary>
/// The bytes of an attached file, stored once per SHA-256 in the database file itself, so that one
/// <c>VACUUM INTO</c> backs up cases and their attachments together. Read only when someone downloads it.
/// </summary>
public sealed class AttachmentContent
{
    private AttachmentContent() { Sha256 = ""; Content = []; }

    public AttachmentContent(string sha256, byte[] content)
    {
        Sha256 = sha256;
        Content = content;
    }

    public string Sha256 { get; private set; }
    public byte[] Content { get; private set; }
}

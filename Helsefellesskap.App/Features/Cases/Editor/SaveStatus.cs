namespace Helsefellesskap.App.Features.Cases.Editor;

public enum SaveStatus { Unchanged, Dirty, Saving, Saved, Failed }

namespace SiteStatus.State;

/// <summary>
/// The entries of one location (or the URLs' own), by masked URL, as a run weighs them: only the URLs it asks for are
/// read, so a run of a few URLs costs the same against a state of a million.
/// </summary>
internal interface IStateEntries
{
    /// <summary>The entry of <paramref name="url"/>, or null when the state has none.</summary>
    StateEntry? Find(string url);

    /// <summary>Adds the entry of a URL the state had none for; it is written by the store's Save.</summary>
    void Add(string url, StateEntry entry);
}

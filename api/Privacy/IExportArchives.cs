namespace ChitLaq.Api.Privacy;

/// <summary>Reads finished export archives; the host provides it (where archives are kept is not the API's business).</summary>
public interface IExportArchives
{
    /// <summary>The archive, or null when it is gone.</summary>
    Stream? OpenRead(string archiveKey);
}

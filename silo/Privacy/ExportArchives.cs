using ChitLaq.Api.Privacy;
using ChitLaq.Grains.Privacy;

namespace ChitLaq.Silo.Privacy;

/// <summary>The API's view of the export archives: the grains' store, read-only.</summary>
public sealed class ExportArchives(ExportArchiveStore store) : IExportArchives
{
    public Stream? OpenRead(string archiveKey) => store.OpenRead(archiveKey);
}

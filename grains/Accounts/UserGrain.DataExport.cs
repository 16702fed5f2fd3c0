using ChitLaq.Grains.Abstractions.Accounts;
using ChitLaq.Grains.Posts;

namespace ChitLaq.Grains.Accounts;

/// <summary>
/// Data exports (API.md "Privacy and account control"): at most one every
/// <c>Accounts:ExportInterval</c> (a failed one does not count); the archive is built by any
/// node's <see cref="Privacy.DataExportWorker"/> and kept for <c>Accounts:ExportLifetime</c>.
/// </summary>
public sealed partial class UserGrain
{
    private const int ExportsListed = 10;

    public async Task<ExportResult> RequestExport(ClientInfo client)
    {
        if (!Account.IsRegistered || Account.DeletionPending) return new ExportResult(ExportOutcome.NotFound);
        var interval = lifecycle.Value.ExportInterval;
        var latest = (await jobs.ExportsOfAsync(UserId, 1, Now)).FirstOrDefault();
        if (latest is not null && latest.Status != ExportStatuses.Failed && Now - latest.RequestedAt < interval)
            return new ExportResult(ExportOutcome.TooSoon, latest, latest.RequestedAt + interval - Now);

        var export = await jobs.InsertExportAsync(PostIds.New(), UserId, Now);
        jobsWakeup.Wake();
        await audit.RecordAsync(AuditLog.Events.ExportRequested, UserId, client, new { export = export.Id });
        return new ExportResult(ExportOutcome.Accepted, export);
    }

    public async Task<DataExportView?> GetExport(string exportId) =>
        Account.IsRegistered && PostIds.IsWellFormed(exportId) ? await jobs.ExportAsync(UserId, exportId, Now) : null;

    public async Task<IReadOnlyList<DataExportView>> ListExports() =>
        Account.IsRegistered ? await jobs.ExportsOfAsync(UserId, ExportsListed, Now) : [];
}

using ChitLaq.Grains.Abstractions.Accounts;
using ChitLaq.Grains.Accounts;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChitLaq.Grains.Privacy;

/// <summary>
/// Builds requested data exports on every node: claims one due export (others' claims skipped),
/// writes the archive to a temporary file, stores it, marks it ready for
/// <c>Accounts:ExportLifetime</c> and emails the student. A node that dies mid-build leaves its
/// claim to come due after the lease; failures are retried with backoff, then marked failed.
/// Expired archives are deleted here too.
/// </summary>
public sealed class DataExportWorker(
    AccountJobStore jobs, DataExportWriter writer, ExportArchiveStore archives, AccountJobsWakeup wakeup, IGrainFactory grains,
    IAccountMailer mailer, IOptions<AccountLifecycleOptions> options, TimeProvider clock, ILogger<DataExportWorker> logger) : BackgroundService
{
    private AccountLifecycleOptions Rules => options.Value;

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await ExpireAsync();
                if (await jobs.ClaimExportAsync(clock.GetUtcNow(), clock.GetUtcNow() + Rules.JobLease) is { } claimed)
                {
                    await BuildAsync(claimed, stopping);
                    continue; // there may be more due right away
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Could not read the export queue; trying again");
            }
            try { await wakeup.WaitAsync(Rules.PollInterval, stopping); }
            catch (OperationCanceledException) { return; }
        }
    }

    private async Task BuildAsync(AccountJobStore.ClaimedExport export, CancellationToken stopping)
    {
        var started = clock.GetTimestamp();
        var temporary = Path.Combine(Path.GetTempPath(), $"chitlaq-export-{export.ExportId}-{Guid.NewGuid():N}.zip");
        try
        {
            var me = await grains.GetGrain<IUserGrain>(export.UserId).GetMe();
            if (me is null)
            {
                await jobs.ExportAttemptFailedAsync(export.ExportId, clock.GetUtcNow(), giveUp: true); // the account is gone
                return;
            }
            long bytes;
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, useAsync: true))
            {
                await writer.WriteAsync(file, me, stopping);
                bytes = file.Length;
                file.Position = 0;
                await archives.PutAsync(ExportArchiveStore.KeyOf(export.ExportId), file, stopping);
            }
            var now = clock.GetUtcNow();
            if (!await jobs.MarkExportReadyAsync(export.ExportId, ExportArchiveStore.KeyOf(export.ExportId), bytes, now, now + Rules.ExportLifetime))
            {
                archives.Delete(ExportArchiveStore.KeyOf(export.ExportId));
                return;
            }
            logger.LogInformation("Data export {ExportId} built: {Bytes} bytes in {Elapsed} ms", export.ExportId, bytes,
                (long)clock.GetElapsedTime(started).TotalMilliseconds);
            await mailer.SendExportReadyAsync(me.Email, me.Profile.DisplayName, now + Rules.ExportLifetime);
        }
        catch (Exception ex) when (!stopping.IsCancellationRequested)
        {
            var giveUp = export.Attempts >= Rules.MaxExportAttempts;
            logger.LogWarning(ex, "Data export {ExportId} failed (attempt {Attempt}{GiveUp})", export.ExportId, export.Attempts, giveUp ? ", giving up" : "");
            await jobs.ExportAttemptFailedAsync(export.ExportId, clock.GetUtcNow() + TimeSpan.FromSeconds(30 * export.Attempts), giveUp);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private async Task ExpireAsync()
    {
        foreach (var key in (await jobs.ExpireExportsAsync(clock.GetUtcNow(), 100)).OfType<string>()) archives.Delete(key);
    }
}

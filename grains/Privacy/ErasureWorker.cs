using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChitLaq.Grains.Privacy;

/// <summary>
/// Runs due account erasures on every node: claims one (others' claims skipped), runs it from the
/// step recorded last. A node that dies mid-way leaves the claim to come due again after
/// <c>Accounts:JobLease</c>; a failed attempt is retried after a pause that grows.
/// </summary>
public sealed class ErasureWorker(AccountJobStore jobs, AccountEraser eraser, AccountJobsWakeup wakeup,
    IOptions<AccountLifecycleOptions> options, TimeProvider clock, ILogger<ErasureWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        var rules = options.Value;
        while (!stopping.IsCancellationRequested)
        {
            AccountJobStore.ClaimedDeletion? claimed = null;
            try
            {
                claimed = await jobs.ClaimDeletionAsync(clock.GetUtcNow(), clock.GetUtcNow() + rules.JobLease);
                if (claimed is not null)
                {
                    await eraser.RunAsync(claimed.UserId, claimed.Step, stopping);
                    continue; // there may be more due right away
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Erasure of {UserId} failed (attempt {Attempt}); it will be tried again", claimed?.UserId, claimed?.Attempts);
                if (claimed is not null)
                {
                    try { await jobs.PostponeDeletionAsync(claimed.UserId, clock.GetUtcNow() + TimeSpan.FromSeconds(Math.Min(600, 10 * claimed.Attempts))); }
                    catch (Exception postpone) { logger.LogWarning(postpone, "Could not postpone the erasure; its claim runs out by itself"); }
                }
            }
            try { await wakeup.WaitAsync(rules.PollInterval, stopping); }
            catch (OperationCanceledException) { return; }
        }
    }
}

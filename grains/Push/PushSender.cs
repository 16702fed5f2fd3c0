using System.Net;
using ChitLaq.Grains.Abstractions.Push;
using Lib.Net.Http.WebPush;
using Lib.Net.Http.WebPush.Authentication;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChitLaq.Grains.Push;

/// <summary>
/// Sends the outbox from every node: claims due pushes (skipping other nodes' claims), sends each
/// with VAPID and aes128gcm, marks it sent once the push service accepted it. 404/410 end the
/// subscription; 429, 5xx and network failures come due again with backoff (Retry-After when
/// given). A node that dies mid-send leaves its claims to come due after the lease, so no push
/// is lost; the one push that was accepted just before the crash (before it was marked) can go out
/// twice, and its Topic makes the device show it once.
/// </summary>
public sealed class PushSender(PushStore store, PushWakeup wakeup, VapidKeyPair keys, IOptions<PushOptions> options, TimeProvider clock,
    ChitLaqMetrics metrics, ILogger<PushSender> logger) : BackgroundService
{
    private PushServiceClient? _client;
    private VapidAuthentication? _vapid;
    private DateTimeOffset _forgotAt = DateTimeOffset.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        var push = options.Value;
        _client = new PushServiceClient(new HttpClient(PushEndpoints.GuardedHandler(push.AllowInsecureEndpoints)) { Timeout = TimeSpan.FromSeconds(15) })
        {
            AutoRetryAfter = false,
        };
        _vapid = new VapidAuthentication(keys.PublicKey, keys.PrivateKey) { Subject = keys.Subject };
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                var now = clock.GetUtcNow();
                if (now - _forgotAt > PushOnce.ForgetEvery)
                {
                    _forgotAt = now;
                    while (await store.ForgetSentAsync(now - PushOnce.MarkersKept, 1000) == 1000) { }
                }
                var claimed = await store.ClaimAsync(now, now + push.ClaimLease, push.SendBatch);
                if (claimed.Count > 0)
                {
                    await Parallel.ForEachAsync(claimed, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = stopping }, SendAsync);
                    continue; // there may be more due right away
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Could not read the push outbox; trying again");
            }
            try { await wakeup.WaitAsync(push.PollInterval, stopping); }
            catch (OperationCanceledException) { return; }
        }
    }

    private async ValueTask SendAsync(PushStore.Claimed push, CancellationToken stopping)
    {
        var now = clock.GetUtcNow();
        var left = push.CreatedAt.AddSeconds(push.TtlSeconds) - now;
        if (left <= TimeSpan.Zero || push.Attempts > options.Value.MaxAttempts)
        {
            metrics.PushesDropped.Add(1);
            await store.CompleteAsync(push.PushId, clock.GetUtcNow());
            return;
        }
        var subscription = new PushSubscription
        {
            Endpoint = push.Endpoint,
            Keys = new Dictionary<string, string> { ["p256dh"] = push.P256dh, ["auth"] = push.Auth },
        };
        var message = new PushMessage(push.Payload)
        {
            Topic = push.Topic,
            TimeToLive = (int)left.TotalSeconds,
            Urgency = push.Urgency switch { "high" => PushMessageUrgency.High, "low" => PushMessageUrgency.Low, _ => PushMessageUrgency.Normal },
        };
        try
        {
            await _client!.RequestPushMessageDeliveryAsync(subscription, message, _vapid!, VapidAuthenticationScheme.Vapid, stopping);
            await store.CompleteAsync(push.PushId, clock.GetUtcNow());
            metrics.PushesSent.Add(1);
        }
        catch (PushServiceClientException ex) when (ex.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone)
        {
            logger.LogInformation("Push subscription {Subscription} ended by the push service ({Status})", push.SubscriptionId, (int)ex.StatusCode);
            await store.EndSubscriptionAsync(push.SubscriptionId);
        }
        catch (PushServiceClientException ex) when ((int)ex.StatusCode == 429 || (int)ex.StatusCode >= 500)
        {
            await RetryLater(push, ex.Headers?.RetryAfter?.Delta, $"push service answered {(int)ex.StatusCode}");
        }
        catch (PushServiceClientException ex)
        {
            // Anything else (400, 401, 403, 413) will not get better by trying again.
            logger.LogWarning("Push {Push} refused by the push service ({Status}): {Body}", push.PushId, (int)ex.StatusCode, ex.Body);
            metrics.PushesDropped.Add(1);
            await store.CompleteAsync(push.PushId, clock.GetUtcNow());
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !stopping.IsCancellationRequested)
        {
            await RetryLater(push, null, ex.Message);
        }
    }

    private async Task RetryLater(PushStore.Claimed push, TimeSpan? retryAfter, string why)
    {
        // 2, 4, 8 … seconds, at most 10 minutes, unless the service said when.
        var backoff = retryAfter ?? TimeSpan.FromSeconds(Math.Min(600, Math.Pow(2, push.Attempts)));
        logger.LogInformation("Push {Push} to try again in {Seconds} s: {Why}", push.PushId, backoff.TotalSeconds, why);
        await store.RetryAtAsync(push.PushId, clock.GetUtcNow() + backoff);
    }
}

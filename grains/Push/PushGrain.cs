using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ChitLaq.Grains.Abstractions.Chat;
using ChitLaq.Grains.Abstractions.Push;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChitLaq.Grains.Push;

/// <summary>A student's push devices and preferences, and the decision whether an event is pushed (the outbox sends it).</summary>
[GrainType("push")]
public sealed class PushGrain(PushStore store, PushWakeup wakeup, IOptions<PushOptions> options, TimeProvider clock, ILogger<PushGrain> logger)
    : Grain, IPushGrain
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };
    private PushPreferences _preferences = PushPreferences.Default;
    private bool? _hasDevices;

    private string Me => this.GetPrimaryKeyString();
    private DateTimeOffset Now => clock.GetUtcNow();

    public override async Task OnActivateAsync(CancellationToken cancellationToken) =>
        _preferences = await store.LoadPreferencesAsync(Me) ?? PushPreferences.Default;

    public async Task<PushResult<string>> Subscribe(string endpoint, string p256dh, string auth)
    {
        var errors = new Accounts.FieldErrors();
        if (await PushEndpoints.ProblemWithAsync(endpoint, options.Value.AllowInsecureEndpoints) is { } problem) errors.Add("endpoint", problem);
        if (Base64UrlLength(p256dh) != 65 || !p256dh.StartsWith('B')) errors.Add("keys.p256dh", "Give the subscription's p256dh key (a P-256 public key, base64url).");
        if (Base64UrlLength(auth) != 16) errors.Add("keys.auth", "Give the subscription's auth secret (16 bytes, base64url).");
        if (errors.Any) return new PushResult<string>(PushOutcome.Invalid, Errors: errors.ToDictionary());

        var newId = "p" + Guid.CreateVersion7().ToString("N");
        var id = await store.UpsertSubscriptionAsync(newId, Me, endpoint, p256dh, auth, Now);
        await store.TrimSubscriptionsAsync(Me, options.Value.MaxSubscriptionsPerUser);
        _hasDevices = true;
        return new PushResult<string>(PushOutcome.Done, id, Created: id == newId);
    }

    public async Task ForgetDevices()
    {
        await store.DeleteSubscriptionsOfAsync(Me);
        _hasDevices = false;
    }

    public async Task<PushOutcome> Unsubscribe(string subscriptionId)
    {
        _hasDevices = null;
        return await store.DeleteSubscriptionAsync(Me, subscriptionId) ? PushOutcome.Done : PushOutcome.NotFound;
    }

    public Task<PushPreferences> GetPreferences() => Task.FromResult(_preferences);

    public async Task<PushResult<PushPreferences>> SetPreferences(PushPreferences preferences)
    {
        var errors = new Accounts.FieldErrors();
        foreach (var kind in preferences.Alerts.Keys.Where(k => !PushKinds.All.Contains(k)))
            errors.Add("alerts", $"Unknown alert \"{kind}\"; use {string.Join(", ", PushKinds.All)}.");
        if (preferences.Quiet is { } quiet && !QuietHoursSchedule.IsKnownTimeZone(quiet.TimeZone))
            errors.Add("quietHours.timeZone", "Give an IANA time zone, e.g. Europe/Istanbul.");
        if (errors.Any) return new PushResult<PushPreferences>(PushOutcome.Invalid, Errors: errors.ToDictionary());
        // Kinds not mentioned keep their setting, so an older client never switches a new kind off.
        var alerts = PushKinds.All.ToDictionary(k => k, k => preferences.Alerts.TryGetValue(k, out var on) ? on : _preferences.Wants(k));
        _preferences = new PushPreferences(alerts, preferences.Quiet);
        await store.SavePreferencesAsync(Me, _preferences);
        return new PushResult<PushPreferences>(PushOutcome.Done, _preferences);
    }

    public async Task Deliver(PushEvent pushEvent)
    {
        // Called one-way: nobody waits for the outcome, so a failure is logged here.
        try
        {
            await Gate(pushEvent);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not queue the {Type} push {Tag} for {User}", pushEvent.Type, pushEvent.Tag, Me);
        }
    }

    private async Task Gate(PushEvent pushEvent)
    {
        if (!_preferences.Wants(pushEvent.Type)) return;
        _hasDevices ??= await store.HasSubscriptionsAsync(Me);
        if (_hasDevices == false) return;
        // A device connected to the hub gets the event live; pushing it too would ring twice.
        if ((await GrainFactory.GetGrain<IUserPresenceGrain>(Me).GetPresence()).Status != "offline") return;

        var (urgency, ttl) = Delivery(pushEvent.Type);
        var (devices, queued) = await store.EnqueueAsync(Me, pushEvent.OnceKey, JsonSerializer.Serialize(pushEvent, Json), Topic(pushEvent.Tag), urgency,
            (int)ttl.TotalSeconds, QuietHoursSchedule.NextAllowed(Now, _preferences.Quiet), Now);
        if (devices == 0) _hasDevices = false;
        if (queued > 0) wakeup.Wake();
    }

    /// <summary>Messages are urgent and stale after a day; likes can wait for a charger.</summary>
    private static (string Urgency, TimeSpan Ttl) Delivery(string kind) => kind switch
    {
        PushKinds.Message => ("high", TimeSpan.FromHours(24)),
        PushKinds.Mention or PushKinds.Reply or PushKinds.Moderation => ("normal", TimeSpan.FromDays(3)),
        _ => ("low", TimeSpan.FromDays(1)),
    };

    /// <summary>RFC 8030 Topic: at most 32 base64url characters; pushes with the same tag replace each other on the device.</summary>
    private static string Topic(string tag) =>
        Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(tag)))[..32];

    private static int Base64UrlLength(string value)
    {
        try { return Base64Url.DecodeFromChars(value).Length; }
        catch (FormatException) { return -1; }
    }
}

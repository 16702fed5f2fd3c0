using Orleans.Concurrency;

namespace ChitLaq.Grains.Abstractions.Push;

/// <summary>The server's VAPID key pair (RFC 8292), base64url as the Push API and the push library use them.</summary>
public sealed record VapidKeyPair(string PublicKey, string PrivateKey, string Subject);

/// <summary>The kinds of event a student can be pushed (API.md "Push notifications": alerts).</summary>
public static class PushKinds
{
    public const string Message = "message";
    public const string Mention = "mention";
    public const string Reply = "reply";
    public const string Follow = "follow";
    public const string Like = "like";
    public const string Repost = "repost";
    public const string Moderation = "moderation";

    public static readonly IReadOnlyList<string> All = [Message, Mention, Reply, Follow, Like, Repost, Moderation];
}

/// <summary>Quiet hours in the student's own time zone ("22:00" to "07:00" spans midnight).</summary>
[GenerateSerializer, Immutable, Alias("chitlaq.push.quiet-hours")]
public sealed record QuietHours([property: Id(0)] TimeOnly Start, [property: Id(1)] TimeOnly End, [property: Id(2)] string TimeZone);

[GenerateSerializer, Immutable, Alias("chitlaq.push.preferences")]
public sealed record PushPreferences(
    [property: Id(0)] IReadOnlyDictionary<string, bool> Alerts,
    [property: Id(1)] QuietHours? Quiet)
{
    /// <summary>Everything on, no quiet hours: what a student who never opened the settings gets.</summary>
    public static readonly PushPreferences Default = new(PushKinds.All.ToDictionary(k => k, _ => true), null);

    public bool Wants(string kind) => !Alerts.TryGetValue(kind, out var on) || on;
}

/// <summary>What a push says (API.md: the payload <c>{ type, title, body, url, tag, conversationId?, postId? }</c>).</summary>
[GenerateSerializer, Immutable, Alias("chitlaq.push.event")]
public sealed record PushEvent(
    [property: Id(0)] string Type,
    [property: Id(1)] string Title,
    [property: Id(2)] string Body,
    [property: Id(3)] string Url,
    [property: Id(4)] string Tag,
    [property: Id(5)] string? ConversationId = null,
    [property: Id(6)] string? PostId = null,
    // Not part of the payload: what makes queueing the same event again a no-op (e.g. "message:{id}").
    [property: Id(7), System.Text.Json.Serialization.JsonIgnore] string? OnceKey = null);

[GenerateSerializer, Alias("chitlaq.push.outcome")]
public enum PushOutcome
{
    Done = 0,
    NotFound = 1,
    Invalid = 2,
}

[GenerateSerializer, Immutable, Alias("chitlaq.push.result`1")]
public sealed record PushResult<T>(
    [property: Id(0)] PushOutcome Outcome,
    [property: Id(1)] T? Value = default,
    [property: Id(2)] IReadOnlyDictionary<string, string[]>? Errors = null,
    [property: Id(3)] bool Created = false);

/// <summary>
/// One student's push devices and preferences (key: user id), and the gate every push passes:
/// the kind is wanted, no device of theirs is connected to the hub, quiet hours hold it back.
/// Accepted pushes are written to the outbox, which whichever node is alive sends.
/// </summary>
[Alias("chitlaq.push.push-grain")]
public interface IPushGrain : IGrainWithStringKey
{
    [Alias("subscribe")] Task<PushResult<string>> Subscribe(string endpoint, string p256dh, string auth);
    [Alias("unsubscribe")] Task<PushOutcome> Unsubscribe(string subscriptionId);
    /// <summary>Every device of the student stops getting pushes (their account is being deleted).</summary>
    [Alias("forget-devices")] Task ForgetDevices();
    [Alias("preferences"), AlwaysInterleave] Task<PushPreferences> GetPreferences();
    [Alias("set-preferences")] Task<PushResult<PushPreferences>> SetPreferences(PushPreferences preferences);

    /// <summary>
    /// Queues the event for each of the student's devices, unless a rule above holds it back.
    /// One-way: a sender's acknowledgement never waits for its members' push gates (most of which
    /// hold nothing back but still cost a call); the grain logs what it could not queue.
    /// </summary>
    [Alias("deliver"), OneWay] Task Deliver(PushEvent pushEvent);
}

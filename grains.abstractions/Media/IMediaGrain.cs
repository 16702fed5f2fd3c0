namespace ChitLaq.Grains.Abstractions.Media;

/// <summary>
/// One uploaded image's ownership: only its uploader can attach it, to one post or to their
/// avatar; a post's deletion or an avatar change releases it, and released or never-attached
/// images are removed (the latter after a day).
/// </summary>
[Alias("chitlaq.media.item")]
public interface IMediaGrain : IGrainWithStringKey
{
    /// <summary>Attaches the image to a target (<see cref="MediaTargets"/>); the same target again is a no-op.</summary>
    [Alias("attach")] Task<MediaAttachResult> Attach(string ownerId, string target);

    /// <summary>Releases the image from the target it is attached to (nothing if it is attached elsewhere).</summary>
    [Alias("release")] Task Release(string target);

    [Alias("get")] Task<MediaInfo?> Get();
}

public static class MediaTargets
{
    public static string Post(string postId) => "post:" + postId;
    public static string Avatar(string userId) => "avatar:" + userId;
    /// <summary>A chat message's images: keyed by what identifies the message before it is committed (a retry attaches again, harmlessly).</summary>
    public static string Message(string conversationId, string senderId, string clientMessageId) => $"message:{conversationId}:{senderId}:{clientMessageId}";
}

[GenerateSerializer, Alias("chitlaq.media.attach-outcome")]
public enum MediaAttachOutcome
{
    Done = 0,
    /// <summary>No such image, or not the caller's: the same answer, so ids cannot be probed.</summary>
    NotFound = 1,
    /// <summary>The image is already attached to something else (or was released).</summary>
    InUse = 2,
}

[GenerateSerializer, Immutable, Alias("chitlaq.media.attach-result")]
public sealed record MediaAttachResult(
    [property: Id(0)] MediaAttachOutcome Outcome,
    [property: Id(1)] MediaInfo? Media = null);

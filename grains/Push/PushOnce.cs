namespace ChitLaq.Grains.Push;

/// <summary>
/// How long "each push once per device" is remembered (0011_push_once.sql). A retried send queues
/// its message's pushes again only within <see cref="RequeueWithin"/> of the message (a message
/// push's TTL — later it would be stale anyway), and the sent markers outlive that window.
/// </summary>
public static class PushOnce
{
    public static readonly TimeSpan RequeueWithin = TimeSpan.FromDays(1);
    public static readonly TimeSpan MarkersKept = TimeSpan.FromDays(2);
    public static readonly TimeSpan ForgetEvery = TimeSpan.FromMinutes(10);

    public static string MessageKey(string messageId) => "message:" + messageId;
}

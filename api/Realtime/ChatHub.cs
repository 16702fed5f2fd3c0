using ChitLaq.Api.Auth;
using ChitLaq.Api.Chat;
using ChitLaq.Grains.Abstractions.Accounts;
using ChitLaq.Grains.Abstractions.Chat;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace ChitLaq.Api.Realtime;

/// <summary>
/// The realtime endpoint at /hubs/chat. Every call is checked by the conversation grain (members
/// only; others get <c>not_found</c>) and answers after the effect is durable. Errors are
/// HubExceptions whose message starts with the same code as REST.
/// </summary>
[Authorize]
public sealed class ChatHub(IGrainFactory grains, MessageRateLimiter limiter, IConnectionTracker connections,
    Moderation.AccountStandings standings, TimeProvider clock, ILogger<ChatHub> logger) : Hub
{
    public const string Route = "/hubs/chat";
    private const int ResumeBatch = 500;

    private string Me => Context.UserIdentifier ?? throw new HubException("unauthorized: sign in first");

    /// <summary>
    /// Each connection joins its user's group: sending to a group is a dictionary look-up, while
    /// sending to a "user" makes SignalR scan every connection on the node.
    /// </summary>
    public static string UserGroup(string userId) => "user:" + userId;

    public override async Task OnConnectedAsync()
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, UserGroup(Me));
        try
        {
            await TransientClusterErrors.RetryAsync(() => connections.ConnectedAsync(Me), Context.ConnectionAborted);
        }
        catch (Exception ex) when (TransientClusterErrors.IsTransient(ex))
        {
            // Throwing here would close the connection with an error, which stops clients from
            // reconnecting. Dropping it instead makes them retry, by then against a settled cluster.
            logger.LogWarning(ex, "Could not register a connection while the cluster is changing; dropping it so the client reconnects");
            Context.Abort();
            return;
        }
        await base.OnConnectedAsync();
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        try
        {
            await connections.DisconnectedAsync(Me);
        }
        catch (Exception ex) when (TransientClusterErrors.IsTransient(ex))
        {
            // The node's registration lease runs out on its own (3 minutes) when this is lost.
            logger.LogDebug(ex, "Could not unregister a connection while the cluster is changing");
        }
        await base.OnDisconnectedAsync(exception);
    }

    public Task<MessageDto> SendMessage(string conversationId, string clientMessageId, string text) =>
        SendRichMessage(conversationId, clientMessageId, new RichMessage(text, null, null));

    /// <summary>API.md "Chat essentials": a message with a reply and/or images; the same idempotency as SendMessage.</summary>
    public async Task<MessageDto> SendRichMessage(string conversationId, string clientMessageId, RichMessage message)
    {
        if (Context.User?.FindFirst(ChitLaqClaims.EmailVerified)?.Value != "true" && !await grains.GetGrain<IUserGrain>(Me).IsEmailVerified())
            throw new HubException("email_not_verified: verify your university email first");
        if ((await standings.GetAsync(Me)).IsLimitedAt(clock.GetUtcNow()))
            throw new HubException("account_limited: a moderator limited this account; you can read but not send");
        if (await limiter.TryAcquireAsync(Me) is { } wait)
            throw new HubException($"rate_limited: wait {Math.Ceiling(wait.TotalSeconds)} s");
        var result = await Conversation(conversationId).SendRich(Me, clientMessageId ?? "",
            new NewMessage(message?.Text ?? "", message?.ReplyToSeq, message?.MediaIds));
        return result.Outcome switch
        {
            ChatOutcome.Done => MessageDto.From(result.Message!, Me),
            ChatOutcome.Invalid => throw new HubException("validation_failed: " + string.Join(" ", result.Errors!.SelectMany(e => e.Value))),
            ChatOutcome.ContentBlocked => throw new HubException("content_blocked: " + Problems.ApiProblems.ContentBlockedDetail),
            _ => throw NotFound(),
        };
    }

    public async Task<IReadOnlyList<MessageDto>> Resume(string conversationId, long afterSeq)
    {
        var page = await Conversation(conversationId).History(Me, null, Math.Max(0, afterSeq), ResumeBatch);
        return page is null ? throw NotFound() : page.Items.Select(m => MessageDto.From(m, Me)).ToList();
    }

    public Task MarkDelivered(string conversationId, long seq) => Mark(conversationId, "delivered", seq);

    public Task MarkRead(string conversationId, long seq) => Mark(conversationId, "read", seq);

    public async Task SetStatus(string status)
    {
        if (status is not ("online" or "away")) throw new HubException("validation_failed: status is online or away");
        await grains.GetGrain<IUserPresenceGrain>(Me).SetStatus(status);
    }

    public async Task Typing(string conversationId)
    {
        if (await Conversation(conversationId).Typing(Me) != ChatOutcome.Done) throw NotFound();
    }

    private async Task Mark(string conversationId, string kind, long seq)
    {
        switch (await Conversation(conversationId).Mark(Me, kind, seq))
        {
            case ChatOutcome.Done: return;
            case ChatOutcome.Invalid: throw new HubException("validation_failed: seq must not be negative");
            default: throw NotFound();
        }
    }

    private static HubException NotFound() => new("not_found: no such conversation");

    private IConversationGrain Conversation(string? conversationId) =>
        string.IsNullOrWhiteSpace(conversationId) || conversationId.Length > 64
            ? throw NotFound()
            : grains.GetGrain<IConversationGrain>(conversationId);
}

/// <summary>The third argument of <c>SendRichMessage</c>: <c>{ text, replyToSeq, mediaIds }</c>.</summary>
public sealed record RichMessage(string? Text, long? ReplyToSeq, IReadOnlyList<string>? MediaIds);

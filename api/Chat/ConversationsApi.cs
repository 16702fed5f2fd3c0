using System.Security.Claims;
using ChitLaq.Api.Auth;
using ChitLaq.Api.Problems;
using ChitLaq.Api.RateLimiting;
using ChitLaq.Api.Users;
using ChitLaq.Grains.Abstractions.Chat;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChitLaq.Api.Chat;

/// <summary>/conversations: direct and group conversations and their messages (REST side of chat).</summary>
public static class ConversationsApi
{
    public sealed record CreateConversationRequest(IReadOnlyList<string>? MemberHandles, string? Title);
    public sealed record RenameRequest(string? Title);
    public sealed record AddMembersRequest(IReadOnlyList<string>? Handles);
    /// <summary>API.md: <c>text</c>, <c>clientMessageId</c>; "Chat essentials" adds <c>replyToSeq</c> and <c>mediaIds</c> (≤ 4; text may then be empty).</summary>
    public sealed record SendMessageRequest(string? Text, string? ClientMessageId, long? ReplyToSeq = null, IReadOnlyList<string>? MediaIds = null);
    public sealed record EditMessageRequest(string? Text);
    public sealed record ReadRequest(long? Seq);
    /// <summary>API.md: <c>until</c> (null unmutes); ChitLaq adds <c>forever</c> for a mute without end.</summary>
    public sealed record MuteRequest(DateTimeOffset? Until, bool? Forever);

    public static RouteGroupBuilder MapConversations(this RouteGroupBuilder api)
    {
        var conversations = api.MapGroup("/conversations").WithTags("Conversations").RequireAuthorization();
        conversations.MapPost("/", Create).RequireAuthorization(Policies.Publish).WithSummary("Start a direct conversation (the same one again if it exists) or a group.");
        conversations.MapGet("/", List).WithSummary("Your conversations, most recently active first.");
        conversations.MapGet("/unread", Unread).WithSummary("The unread badge: conversations with unread messages and their count, muted ones left out.");
        conversations.MapGet("/{id}", Get).WithSummary("One conversation (members only).");
        conversations.MapPatch("/{id}", Rename).WithSummary("Rename a group (admins).");
        conversations.MapPost("/{id}/members", AddMembers).RequireAuthorization(Policies.VerifiedEmail).WithSummary("Add members to a group (admins).");
        conversations.MapDelete("/{id}/members/{handle}", RemoveMember).WithSummary("Remove a member (admins), or leave (yourself).");
        conversations.MapGet("/{id}/messages", Messages).WithSummary("Messages in seq order: before=seq pages back, after=seq pages forward.");
        conversations.MapPost("/{id}/messages", Send).RequireAuthorization(Policies.Publish).WithSummary("Send; the same clientMessageId again returns the same message (200).");
        conversations.MapPatch("/{id}/messages/{messageId}", Edit).RequireAuthorization(Policies.Publish).WithSummary("Edit your message.");
        conversations.MapDelete("/{id}/messages/{messageId}", Delete).WithSummary("Delete your message.");
        conversations.MapPost("/{id}/read", MarkRead).WithSummary("Mark read up to a seq.");
        conversations.MapPut("/{id}/mute", Mute).WithSummary("Mute until a time, or forever; until null unmutes. Messages still arrive; no pushes, not in the badge.");
        conversations.MapMessageExtras();
        return api;
    }

    private static IConversationGrain Conversation(this IGrainFactory grains, string id) => grains.GetGrain<IConversationGrain>(id);

    internal static async Task<Results<Created<ConversationDto>, Ok<ConversationDto>, ValidationProblem, ProblemHttpResult>> Create(
        CreateConversationRequest body, ClaimsPrincipal caller, IGrainFactory grains)
    {
        var me = caller.UserId()!;
        var handles = body.MemberHandles ?? [];
        if (handles.Count is 0 or > 49) return ApiProblems.Validation("memberHandles", "Name 1 to 49 other members.");
        var ids = new List<string>();
        foreach (var handle in handles.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (await grains.AccountOf(handle) is not { } id) return ApiProblems.Validation("memberHandles", $"No user has the handle '{handle}'.");
            ids.Add(id);
        }
        ids.Remove(me);
        if (ids.Count == 0) return ApiProblems.Validation("memberHandles", "Name at least one other member.");

        var (kind, conversationId) = handles.Count == 1 ? ("direct", ConversationIds.Direct(me, ids[0])) : ("group", ConversationIds.NewGroup());
        var result = await grains.Conversation(conversationId).Create(me, kind, ids, body.Title);
        return result.Outcome switch
        {
            ChatOutcome.Done when result.Created => TypedResults.Created($"/api/v1/conversations/{conversationId}", ConversationDto.From(result.Value!, me)),
            ChatOutcome.Done => TypedResults.Ok(ConversationDto.From(result.Value!, me)),
            ChatOutcome.Forbidden => ApiProblems.Problem(StatusCodes.Status403Forbidden, ProblemCodes.Forbidden, "You cannot start a conversation with someone who blocked you or whom you blocked."),
            _ => ApiProblems.Validation(Errors(result.Errors)),
        };
    }

    internal static async Task<Results<Ok<ItemsResponse<ConversationDto>>, ValidationProblem>> List(string? cursor, int? limit, ClaimsPrincipal caller, IGrainFactory grains)
    {
        if (Paging.Limit(limit) is not { } size) return ApiProblems.Validation("limit", "Use a limit from 1 to 100.");
        return TypedResults.Ok(Paging.Map(await grains.GetGrain<IConversationListGrain>(0).OfUser(caller.UserId()!, cursor, size), c => ConversationDto.From(c, caller.UserId())));
    }

    internal static async Task<Ok<UnreadDto>> Unread(ClaimsPrincipal caller, IGrainFactory grains)
    {
        var summary = await grains.GetGrain<IConversationListGrain>(0).Unread(caller.UserId()!);
        return TypedResults.Ok(new UnreadDto(summary.Conversations, summary.Messages));
    }

    internal static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Mute(string id, MuteRequest body, ClaimsPrincipal caller, IGrainFactory grains)
    {
        if (body.Forever == true && body.Until is not null) return ApiProblems.Validation("until", "Give either a time or forever, not both.");
        var result = await grains.Conversation(id).Mute(caller.UserId()!, body.Forever == true ? ConversationMutes.Forever : body.Until);
        return result.Outcome switch
        {
            ChatOutcome.Done => TypedResults.NoContent(),
            ChatOutcome.Invalid => ApiProblems.Validation(Errors(result.Errors)),
            _ => NotFound(),
        };
    }

    internal static async Task<Results<Ok<ConversationDto>, ProblemHttpResult>> Get(string id, ClaimsPrincipal caller, IGrainFactory grains) =>
        await grains.Conversation(id).Get(caller.UserId()!) is { } view ? TypedResults.Ok(ConversationDto.From(view, caller.UserId())) : NotFound();

    internal static async Task<Results<Ok<ConversationDto>, ValidationProblem, ProblemHttpResult>> Rename(string id, RenameRequest body, ClaimsPrincipal caller, IGrainFactory grains) =>
        ToResult(await grains.Conversation(id).Rename(caller.UserId()!, body.Title ?? ""), caller.UserId());

    internal static async Task<Results<Ok<ConversationDto>, ValidationProblem, ProblemHttpResult>> AddMembers(string id, AddMembersRequest body, ClaimsPrincipal caller, IGrainFactory grains)
    {
        var ids = new List<string>();
        foreach (var handle in body.Handles ?? [])
        {
            if (await grains.AccountOf(handle) is not { } userId) return ApiProblems.Validation("handles", $"No user has the handle '{handle}'.");
            ids.Add(userId);
        }
        if (ids.Count == 0) return ApiProblems.Validation("handles", "Name at least one member to add.");
        return ToResult(await grains.Conversation(id).AddMembers(caller.UserId()!, ids), caller.UserId());
    }

    internal static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> RemoveMember(string id, string handle, ClaimsPrincipal caller, IGrainFactory grains)
    {
        if (await grains.IdOf(handle) is not { } userId) return NotFound();
        var result = await grains.Conversation(id).RemoveMember(caller.UserId()!, userId);
        return result.Outcome switch
        {
            ChatOutcome.Done => TypedResults.NoContent(),
            ChatOutcome.Forbidden => Forbidden(),
            _ => NotFound(),
        };
    }

    internal static async Task<Results<Ok<ItemsResponse<MessageDto>>, ValidationProblem, ProblemHttpResult>> Messages(
        string id, long? before, long? after, string? cursor, int? limit, ClaimsPrincipal caller, IGrainFactory grains)
    {
        if (Paging.Limit(limit) is not { } size) return ApiProblems.Validation("limit", "Use a limit from 1 to 100.");
        if (cursor is { } c && c.Split(':') is [var direction, var number] && long.TryParse(number, out var seq))
            (before, after) = direction == "after" ? ((long?)null, (long?)seq) : ((long?)seq, (long?)null);
        if (before is < 0 || after is < 0) return ApiProblems.Validation("seq", "Sequence numbers start at 1.");
        var page = await grains.Conversation(id).History(caller.UserId()!, before, after, size);
        return page is null ? NotFound() : TypedResults.Ok(Paging.Map(page, m => MessageDto.From(m, caller.UserId())));
    }

    internal static async Task<Results<Created<MessageDto>, Ok<MessageDto>, ValidationProblem, ProblemHttpResult>> Send(
        string id, SendMessageRequest body, ClaimsPrincipal caller, HttpContext http, IGrainFactory grains, MessageRateLimiter limiter)
    {
        var me = caller.UserId()!;
        if (await limiter.TryAcquireAsync(me) is { } wait)
        {
            http.Response.Headers.RetryAfter = RateLimitingSetup.RetryAfterSeconds(wait);
            return ApiProblems.Problem(StatusCodes.Status429TooManyRequests, ProblemCodes.RateLimited, "You are sending messages too fast.");
        }
        var result = await grains.Conversation(id).SendRich(me, body.ClientMessageId ?? "", new NewMessage(body.Text ?? "", body.ReplyToSeq, body.MediaIds));
        return result.Outcome switch
        {
            ChatOutcome.Done when result.Duplicate => TypedResults.Ok(MessageDto.From(result.Message!, me)),
            ChatOutcome.Done => TypedResults.Created($"/api/v1/conversations/{id}/messages/{result.Message!.Id}", MessageDto.From(result.Message, me)),
            ChatOutcome.Invalid => ApiProblems.Validation(Errors(result.Errors)),
            ChatOutcome.ContentBlocked => ApiProblems.ContentBlocked(),
            _ => NotFound(),
        };
    }

    internal static async Task<Results<Ok<MessageDto>, ValidationProblem, ProblemHttpResult>> Edit(string id, string messageId, EditMessageRequest body, ClaimsPrincipal caller, IGrainFactory grains) =>
        ToMessageResult(await grains.Conversation(id).Edit(caller.UserId()!, messageId, body.Text ?? ""), caller.UserId());

    internal static async Task<Results<Ok<MessageDto>, ValidationProblem, ProblemHttpResult>> Delete(string id, string messageId, ClaimsPrincipal caller, IGrainFactory grains) =>
        ToMessageResult(await grains.Conversation(id).Delete(caller.UserId()!, messageId), caller.UserId());

    internal static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> MarkRead(string id, ReadRequest body, ClaimsPrincipal caller, IGrainFactory grains)
    {
        if (body.Seq is not { } seq || seq < 0) return ApiProblems.Validation("seq", "Give the seq of the last message read.");
        return await grains.Conversation(id).Mark(caller.UserId()!, "read", seq) switch
        {
            ChatOutcome.Done => TypedResults.NoContent(),
            ChatOutcome.Invalid => ApiProblems.Validation("seq", "Give the seq of the last message read."),
            _ => NotFound(),
        };
    }

    private static Results<Ok<ConversationDto>, ValidationProblem, ProblemHttpResult> ToResult(ChatResult<ConversationView> result, string? viewerId) => result.Outcome switch
    {
        ChatOutcome.Done => TypedResults.Ok(ConversationDto.From(result.Value!, viewerId)),
        ChatOutcome.Forbidden => Forbidden(),
        ChatOutcome.Invalid => ApiProblems.Validation(Errors(result.Errors)),
        _ => NotFound(),
    };

    internal static Results<Ok<MessageDto>, ValidationProblem, ProblemHttpResult> ToMessageResult(ChatResult<MessageView> result, string? viewerId) => result.Outcome switch
    {
        ChatOutcome.Done => TypedResults.Ok(MessageDto.From(result.Value!, viewerId)),
        ChatOutcome.Forbidden => ApiProblems.Problem(StatusCodes.Status403Forbidden, ProblemCodes.Forbidden, "You can only change your own messages."),
        ChatOutcome.Invalid => ApiProblems.Validation(Errors(result.Errors)),
        ChatOutcome.ContentBlocked => ApiProblems.ContentBlocked(),
        _ => ApiProblems.Problem(StatusCodes.Status404NotFound, ProblemCodes.NotFound, "No such message."),
    };

    private static Dictionary<string, string[]> Errors(IReadOnlyDictionary<string, string[]>? errors) =>
        errors?.ToDictionary(p => p.Key, p => p.Value) ?? [];

    private static ProblemHttpResult NotFound() => ApiProblems.Problem(StatusCodes.Status404NotFound, ProblemCodes.NotFound, "No such conversation.");

    private static ProblemHttpResult Forbidden() => ApiProblems.Problem(StatusCodes.Status403Forbidden, ProblemCodes.Forbidden, "Only a group's admins can do this.");
}

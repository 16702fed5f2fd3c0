using System.Security.Claims;
using ChitLaq.Api.Auth;
using ChitLaq.Api.Problems;
using ChitLaq.Grains.Abstractions.Chat;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChitLaq.Api.Chat;

/// <summary>API.md "Chat essentials": reactions on messages and pinned messages.</summary>
public static class MessageExtrasApi
{
    public static RouteGroupBuilder MapMessageExtras(this RouteGroupBuilder conversations)
    {
        conversations.MapPut("/{id}/messages/{messageId}/reactions/{emoji}", (string id, string messageId, string emoji, ClaimsPrincipal caller, IGrainFactory grains) =>
                React(grains.GetGrain<IConversationGrain>(id).React(caller.UserId()!, messageId, emoji, add: true)))
            .RequireAuthorization(Policies.Publish).WithSummary("React with one emoji (idempotent; at most 20 different emojis per message).");
        conversations.MapDelete("/{id}/messages/{messageId}/reactions/{emoji}", (string id, string messageId, string emoji, ClaimsPrincipal caller, IGrainFactory grains) =>
                React(grains.GetGrain<IConversationGrain>(id).React(caller.UserId()!, messageId, emoji, add: false)))
            .WithSummary("Take your reaction back (idempotent).");
        conversations.MapPost("/{id}/pins/{messageId}", (string id, string messageId, ClaimsPrincipal caller, IGrainFactory grains) =>
                Pin(grains.GetGrain<IConversationGrain>(id).Pin(caller.UserId()!, messageId, pin: true)))
            .WithSummary("Pin a message (group admins; either member of a direct conversation).");
        conversations.MapDelete("/{id}/pins/{messageId}", (string id, string messageId, ClaimsPrincipal caller, IGrainFactory grains) =>
                Pin(grains.GetGrain<IConversationGrain>(id).Pin(caller.UserId()!, messageId, pin: false)))
            .WithSummary("Unpin a message.");
        conversations.MapGet("/{id}/pins", Pins).WithSummary("The pinned messages, newest pin first (members only).");
        return conversations;
    }

    internal static async Task<Results<Ok<ItemsResponse<MessageDto>>, ProblemHttpResult>> Pins(string id, ClaimsPrincipal caller, IGrainFactory grains) =>
        await grains.GetGrain<IConversationGrain>(id).Pins(caller.UserId()!) is { } pins
            ? TypedResults.Ok(new ItemsResponse<MessageDto>(pins.Select(m => MessageDto.From(m, caller.UserId())).ToList(), null))
            : ApiProblems.Problem(StatusCodes.Status404NotFound, ProblemCodes.NotFound, "No such conversation.");

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> React(Task<ChatResult<MessageView>> change) =>
        Answer(await change, "Only members react to messages.");

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Pin(Task<ChatResult<MessageView>> change) =>
        Answer(await change, "Only a group's admins pin messages.");

    private static Results<NoContent, ValidationProblem, ProblemHttpResult> Answer(ChatResult<MessageView> result, string forbidden) => result.Outcome switch
    {
        ChatOutcome.Done => TypedResults.NoContent(),
        ChatOutcome.Invalid => ApiProblems.Validation(result.Errors!.ToDictionary(p => p.Key, p => p.Value)),
        ChatOutcome.Forbidden => ApiProblems.Problem(StatusCodes.Status403Forbidden, ProblemCodes.Forbidden, forbidden),
        _ => ApiProblems.Problem(StatusCodes.Status404NotFound, ProblemCodes.NotFound, "No such message."),
    };
}

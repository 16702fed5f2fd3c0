using System.Security.Claims;
using ChitLaq.Api.Auth;
using ChitLaq.Api.Problems;
using ChitLaq.Grains.Abstractions.Accounts;
using ChitLaq.Grains.Abstractions.Posts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChitLaq.Api.Posts;

/// <summary>/posts: write, read, edit, delete, like, repost, replies.</summary>
public static class PostsApi
{
    public sealed record CreatePostRequest(string? Text, string? ReplyToId, IReadOnlyList<string>? MediaIds, string? Audience);
    public sealed record EditPostRequest(string? Text);

    public static RouteGroupBuilder MapPosts(this RouteGroupBuilder api)
    {
        var posts = api.MapGroup("/posts").WithTags("Posts");
        posts.MapPost("/", Create).RequireAuthorization(Policies.Publish).WithSummary("Publish a post or a reply.");
        posts.MapGet("/{id}", Get).WithSummary("One post.");
        posts.MapPatch("/{id}", Edit).RequireAuthorization(Policies.Publish).WithSummary("Edit your post's text.");
        posts.MapDelete("/{id}", Delete).RequireAuthorization().WithSummary("Delete a post (its author, a moderator or an admin).");
        posts.MapPost("/{id}/like", (string id, ClaimsPrincipal caller, IGrainFactory grains) => Act(grains, id, g => g.Like(caller.UserId()!)))
            .RequireAuthorization(Policies.VerifiedEmail).WithSummary("Like (idempotent).");
        posts.MapDelete("/{id}/like", (string id, ClaimsPrincipal caller, IGrainFactory grains) => Act(grains, id, g => g.Unlike(caller.UserId()!)))
            .RequireAuthorization().WithSummary("Remove your like (idempotent).");
        posts.MapPost("/{id}/repost", (string id, ClaimsPrincipal caller, IGrainFactory grains) => Act(grains, id, g => g.Repost(caller.UserId()!)))
            .RequireAuthorization(Policies.Publish).WithSummary("Repost to your followers (idempotent).");
        posts.MapDelete("/{id}/repost", (string id, ClaimsPrincipal caller, IGrainFactory grains) => Act(grains, id, g => g.Unrepost(caller.UserId()!)))
            .RequireAuthorization().WithSummary("Undo your repost (idempotent).");
        posts.MapGet("/{id}/replies", Replies).WithSummary("Replies, oldest first.");
        return api;
    }

    internal static async Task<Results<Created<PostDto>, ValidationProblem, ProblemHttpResult>> Create(
        CreatePostRequest body, ClaimsPrincipal caller, IGrainFactory grains)
    {
        var id = Guid.CreateVersion7().ToString("N");
        var result = await grains.GetGrain<IPostGrain>(id).Create(new NewPost(caller.UserId()!, body.Text ?? "", body.ReplyToId, body.MediaIds ?? [], body.Audience));
        return result.Outcome switch
        {
            PostOutcome.Done => TypedResults.Created($"/api/v1/posts/{id}", PostDto.From(result.Post!)),
            PostOutcome.Blocked => Blocked(),
            PostOutcome.ContentBlocked => ApiProblems.ContentBlocked(),
            _ => ApiProblems.Validation(result.Errors!.ToDictionary(p => p.Key, p => p.Value)),
        };
    }

    internal static async Task<Results<Ok<PostDto>, ProblemHttpResult>> Get(string id, ClaimsPrincipal caller, IGrainFactory grains) =>
        await grains.GetGrain<IPostGrain>(id).GetView(caller.UserId()) is { } post ? TypedResults.Ok(PostDto.From(post)) : NotFound();

    internal static async Task<Results<Ok<PostDto>, ValidationProblem, ProblemHttpResult>> Edit(
        string id, EditPostRequest body, ClaimsPrincipal caller, IGrainFactory grains)
    {
        var result = await grains.GetGrain<IPostGrain>(id).Edit(caller.UserId()!, body.Text ?? "");
        return result.Outcome switch
        {
            PostOutcome.Done => TypedResults.Ok(PostDto.From(result.Post!)),
            PostOutcome.Forbidden => ApiProblems.Problem(StatusCodes.Status403Forbidden, ProblemCodes.Forbidden, "Only the author can edit a post."),
            PostOutcome.Invalid => ApiProblems.Validation(result.Errors!.ToDictionary(p => p.Key, p => p.Value)),
            PostOutcome.ContentBlocked => ApiProblems.ContentBlocked(),
            _ => NotFound(),
        };
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> Delete(string id, ClaimsPrincipal caller, IGrainFactory grains)
    {
        var moderator = caller.IsInRole(Roles.Moderator) || caller.IsInRole(Roles.Admin);
        return await grains.GetGrain<IPostGrain>(id).Delete(caller.UserId()!, moderator) switch
        {
            PostOutcome.Done => TypedResults.NoContent(),
            PostOutcome.Forbidden => ApiProblems.Problem(StatusCodes.Status403Forbidden, ProblemCodes.Forbidden, "Only the author or a moderator can delete a post."),
            _ => NotFound(),
        };
    }

    internal static async Task<Results<Ok<ItemsResponse<PostDto>>, ValidationProblem, ProblemHttpResult>> Replies(
        string id, string? cursor, int? limit, ClaimsPrincipal caller, IGrainFactory grains)
    {
        if (Paging.Limit(limit) is not { } size) return ApiProblems.Validation("limit", "Use a limit from 1 to 100.");
        if (await grains.GetGrain<IPostGrain>(id).GetView(caller.UserId()) is null) return NotFound();
        return TypedResults.Ok(Paging.Map(await grains.GetGrain<IPostListsGrain>(0).Replies(id, caller.UserId(), cursor, size), PostDto.From));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Act(IGrainFactory grains, string id, Func<IPostGrain, Task<PostOutcome>> action) =>
        await action(grains.GetGrain<IPostGrain>(id)) switch
        {
            PostOutcome.Done => TypedResults.NoContent(),
            PostOutcome.Blocked => Blocked(),
            PostOutcome.NotRepostable => ApiProblems.Problem(StatusCodes.Status403Forbidden, ProblemCodes.NotRepostable,
                "Only public posts of accounts that are not locked can be reposted."),
            _ => NotFound(),
        };

    private static ProblemHttpResult NotFound() => ApiProblems.Problem(StatusCodes.Status404NotFound, ProblemCodes.NotFound, "No such post.");

    private static ProblemHttpResult Blocked() =>
        ApiProblems.Problem(StatusCodes.Status403Forbidden, ProblemCodes.Forbidden, "You cannot interact with this account.");
}

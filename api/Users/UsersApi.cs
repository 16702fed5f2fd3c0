using System.Security.Claims;
using ChitLaq.Api.Auth;
using ChitLaq.Api.Problems;
using ChitLaq.Grains.Abstractions.Accounts;
using ChitLaq.Grains.Abstractions.Social;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChitLaq.Api.Users;

/// <summary>/users: public profiles by handle, and editing one's own.</summary>
public static class UsersApi
{
    public static RouteGroupBuilder MapUsers(this RouteGroupBuilder api)
    {
        var users = api.MapGroup("/users").WithTags("Users");
        users.MapGet("/{handle}", GetByHandle).WithSummary("A user's public profile.");
        users.MapPatch("/me", UpdateMe).RequireAuthorization().WithSummary("Edit your profile (allowed before email verification).");
        users.MapGet("/{handle}/followers", (string handle, string? cursor, int? limit, ClaimsPrincipal caller, IGrainFactory grains) =>
            Edges(handle, followers: true, cursor, limit, caller, grains)).WithSummary("Who follows the user, newest first (a locked account's: for its approved followers).");
        users.MapGet("/{handle}/following", (string handle, string? cursor, int? limit, ClaimsPrincipal caller, IGrainFactory grains) =>
            Edges(handle, followers: false, cursor, limit, caller, grains)).WithSummary("Whom the user follows, newest first (a locked account's: for its approved followers).");
        users.MapGet("/{handle}/posts", PostsOf).WithSummary("The user's posts and reposts, newest first.");
        return api;
    }

    internal static async Task<Results<Ok<Auth.ItemsResponse<UserDto>>, ValidationProblem, ProblemHttpResult>> Edges(
        string handle, bool followers, string? cursor, int? limit, ClaimsPrincipal caller, IGrainFactory grains)
    {
        if (Paging.Limit(limit) is not { } size) return ApiProblems.Validation("limit", "Use a limit from 1 to 100.");
        if (await grains.IdOf(handle) is not { } userId) return NotFound();
        var graph = grains.GetGrain<IUserGraphGrain>(userId);
        var people = followers ? await graph.GetFollowers(caller.UserId(), cursor, size) : await graph.GetFollowing(caller.UserId(), cursor, size);
        return people.Outcome switch
        {
            GraphOutcome.Done => TypedResults.Ok(Paging.Map(people.Page!, UserDto.From)),
            GraphOutcome.FollowersOnly => ApiProblems.Problem(StatusCodes.Status403Forbidden, ProblemCodes.Forbidden,
                "This account is locked.", "Only the followers it approved see who it follows and who follows it."),
            _ => NotFound(),
        };
    }

    internal static async Task<Results<Ok<Auth.ItemsResponse<Posts.PostDto>>, ValidationProblem, ProblemHttpResult>> PostsOf(
        string handle, string? cursor, int? limit, ClaimsPrincipal caller, IGrainFactory grains)
    {
        if (Paging.Limit(limit) is not { } size) return ApiProblems.Validation("limit", "Use a limit from 1 to 100.");
        if (await grains.IdOf(handle) is not { } userId) return NotFound();
        var page = await grains.GetGrain<Grains.Abstractions.Posts.IPostListsGrain>(0).ByAuthor(userId, caller.UserId(), cursor, size);
        return TypedResults.Ok(Paging.Map(page, Posts.PostDto.From));
    }

    private static ProblemHttpResult NotFound() => ApiProblems.Problem(StatusCodes.Status404NotFound, ProblemCodes.NotFound, "No user has this handle.");

    public sealed record UpdateProfileRequest(string? DisplayName, string? Bio, string? Major, int? GraduationYear, string? AvatarMediaId,
        bool? Locked = null, string? DefaultAudience = null);

    internal static async Task<Results<Ok<UserDto>, ProblemHttpResult>> GetByHandle(string handle, ClaimsPrincipal caller, IGrainFactory grains)
    {
        var userId = await grains.IdOf(handle);
        var profile = userId is null ? null : await grains.GetGrain<IUserGrain>(userId).GetProfile();
        // A suspended or banned account's profile is hidden while it lasts (moderators see it in their queue).
        if (profile is null || profile.Hidden) return ApiProblems.Problem(StatusCodes.Status404NotFound, ProblemCodes.NotFound, "No user has this handle.");

        var dto = UserDto.From(profile);
        if (caller.UserId() is { } viewerId)
        {
            var flags = await grains.GetGrain<IUserGraphGrain>(viewerId).RelationTo(profile.Id);
            dto = dto with { IsFollowing = flags.IsFollowing, FollowsYou = flags.FollowsYou, IsBlocked = flags.IsBlocked, IsMuted = flags.IsMuted, FollowRequested = flags.FollowRequested };
        }
        return TypedResults.Ok(dto);
    }

    internal static async Task<Results<Ok<MeDto>, ValidationProblem>> UpdateMe(UpdateProfileRequest body, ClaimsPrincipal caller, IGrainFactory grains)
    {
        var result = await grains.GetGrain<IUserGrain>(caller.UserId()!).UpdateProfile(
            new ProfileChanges(body.DisplayName, body.Bio, body.Major, body.GraduationYear, body.AvatarMediaId, body.Locked, body.DefaultAudience));
        return result.Succeeded
            ? TypedResults.Ok(MeDto.From(result.Me!))
            : ApiProblems.Validation(result.Errors!.ToDictionary(pair => pair.Key, pair => pair.Value));
    }
}

using System.Security.Claims;
using ChitLaq.Api.Auth;
using ChitLaq.Api.Problems;
using ChitLaq.Grains.Abstractions.Accounts;
using ChitLaq.Grains.Abstractions.Handles;
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
        return api;
    }

    public sealed record UpdateProfileRequest(string? DisplayName, string? Bio, string? Major, int? GraduationYear, string? AvatarMediaId);

    internal static async Task<Results<Ok<UserDto>, ProblemHttpResult>> GetByHandle(string handle, ClaimsPrincipal caller, IGrainFactory grains)
    {
        var normalized = HandleFormat.Normalize(handle);
        var userId = HandleFormat.IsValid(normalized) ? await grains.GetGrain<IHandleRegistryGrain>(normalized).GetOwner() : null;
        var profile = userId is null ? null : await grains.GetGrain<IUserGrain>(userId).GetProfile();
        if (profile is null) return ApiProblems.Problem(StatusCodes.Status404NotFound, ProblemCodes.NotFound, "No user has this handle.");

        var dto = UserDto.From(profile);
        if (caller.UserId() is not null)
        {
            // No follow, block or mute can exist yet; the social graph fills these in.
            dto = dto with { IsFollowing = false, FollowsYou = false, IsBlocked = false, IsMuted = false };
        }
        return TypedResults.Ok(dto);
    }

    internal static async Task<Results<Ok<MeDto>, ValidationProblem>> UpdateMe(UpdateProfileRequest body, ClaimsPrincipal caller, IGrainFactory grains)
    {
        var result = await grains.GetGrain<IUserGrain>(caller.UserId()!).UpdateProfile(
            new ProfileChanges(body.DisplayName, body.Bio, body.Major, body.GraduationYear, body.AvatarMediaId));
        return result.Succeeded
            ? TypedResults.Ok(MeDto.From(result.Me!))
            : ApiProblems.Validation(result.Errors!.ToDictionary(pair => pair.Key, pair => pair.Value));
    }
}

using System.Security.Claims;
using ChitLaq.Api.Auth;
using ChitLaq.Api.Problems;
using ChitLaq.Grains.Abstractions.Accounts;
using ChitLaq.Grains.Abstractions.Handles;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChitLaq.Api.Admin;

/// <summary>/admin: operator actions, admins only. Granting and revoking roles is audited with the actor.</summary>
public static class AdminApi
{
    public static RouteGroupBuilder MapAdmin(this RouteGroupBuilder api)
    {
        var admin = api.MapGroup("/admin").WithTags("Admin").RequireAuthorization(Policies.Admin);
        admin.MapPut("/users/{handle}/roles/{role}", (string handle, string role, ClaimsPrincipal caller, HttpContext http, IGrainFactory grains) =>
            SetRole(handle, role, granted: true, caller, http, grains)).WithSummary("Grant moderator or admin.");
        admin.MapDelete("/users/{handle}/roles/{role}", (string handle, string role, ClaimsPrincipal caller, HttpContext http, IGrainFactory grains) =>
            SetRole(handle, role, granted: false, caller, http, grains)).WithSummary("Revoke moderator or admin.");
        return api;
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> SetRole(
        string handle, string role, bool granted, ClaimsPrincipal caller, HttpContext http, IGrainFactory grains)
    {
        var normalized = HandleFormat.Normalize(handle);
        var userId = HandleFormat.IsValid(normalized) ? await grains.GetGrain<IHandleRegistryGrain>(normalized).GetOwner() : null;
        if (userId is null) return ApiProblems.Problem(StatusCodes.Status404NotFound, ProblemCodes.NotFound, "No user has this handle.");

        var outcome = await grains.GetGrain<IUserGrain>(userId).SetRole(role.ToLowerInvariant(), granted, caller.UserId(), http.ClientInfo());
        return outcome switch
        {
            RoleChangeOutcome.UnknownRole => ApiProblems.Validation("role", "Only 'moderator' and 'admin' can be granted or revoked."),
            RoleChangeOutcome.NotFound => ApiProblems.Problem(StatusCodes.Status404NotFound, ProblemCodes.NotFound, "No user has this handle."),
            _ => TypedResults.NoContent(),
        };
    }
}

using System.Security.Claims;
using ChitLaq.Api.Auth;
using ChitLaq.Api.Problems;
using ChitLaq.Api.Users;
using ChitLaq.Grains.Abstractions.Chat;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChitLaq.Api.Chat;

/// <summary>GET /presence?handles=a,b,c: the current presence of those the caller may see (others are left out).</summary>
public static class PresenceApi
{
    public static RouteGroupBuilder MapPresence(this RouteGroupBuilder api)
    {
        api.MapGet("/presence", Get).WithTags("Conversations").RequireAuthorization()
            .WithSummary("Presence of up to 100 users you follow or share a conversation with.");
        return api;
    }

    internal static async Task<Results<Ok<IReadOnlyList<PresenceView>>, ValidationProblem>> Get(string? handles, ClaimsPrincipal caller, IGrainFactory grains)
    {
        var list = (handles ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();
        if (list.Count is 0 or > 100) return ApiProblems.Validation("handles", "Name 1 to 100 handles, comma-separated.");
        var ids = (await Task.WhenAll(list.Select(grains.IdOf))).OfType<string>().ToList();
        return TypedResults.Ok(await grains.GetGrain<IPresenceQueryGrain>(0).Visible(caller.UserId()!, ids));
    }
}

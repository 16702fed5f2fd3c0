using ChitLaq.Api.Problems;
using ChitLaq.Grains.Abstractions.Handles;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChitLaq.Api.Handles;

/// <summary>Handle look-ups for sign-up forms: "is this handle free?" before the user submits.</summary>
public static class HandlesApi
{
    public static RouteGroupBuilder MapHandles(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/handles").WithTags("Handles");
        group.MapGet("/{handle}/availability", GetAvailability)
            .WithName("GetHandleAvailability")
            .WithSummary("Whether a handle can be taken by a new account.");
        return api;
    }

    internal static async Task<Results<Ok<HandleAvailabilityResponse>, ValidationProblem>> GetAvailability(
        string handle, IGrainFactory grains)
    {
        var normalized = HandleFormat.Normalize(handle);
        if (!HandleFormat.IsValid(normalized))
            return ApiProblems.Validation("handle",
                $"A handle is {HandleFormat.MinLength}–{HandleFormat.MaxLength} characters of a–z, 0–9 and _.");

        var availability = await grains.GetGrain<IHandleRegistryGrain>(normalized).GetAvailability();
        return TypedResults.Ok(new HandleAvailabilityResponse(
            normalized,
            availability == HandleAvailability.Available,
            availability switch
            {
                HandleAvailability.Taken => "taken",
                HandleAvailability.Reserved => "reserved",
                _ => null,
            }));
    }
}

/// <summary><c>reason</c> is <c>taken</c> or <c>reserved</c> when the handle is not available.</summary>
public sealed record HandleAvailabilityResponse(string Handle, bool Available, string? Reason);

using System.Security.Claims;
using ChitLaq.Api.Auth;
using ChitLaq.Api.Posts;
using ChitLaq.Api.Problems;
using ChitLaq.Api.Users;
using ChitLaq.Grains.Abstractions.Social;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChitLaq.Api.Notifications;

/// <summary>API.md "Notification".</summary>
public sealed record NotificationDto(string Id, string Type, UserDto Actor, PostDto? Post, DateTimeOffset CreatedAt, bool Read)
{
    /// <summary>For <c>moderation</c> notifications: the decision.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public Moderation.DecisionDto? Decision { get; init; }

    public static NotificationDto From(NotificationView n) =>
        new(n.Id, n.Type, UserDto.From(n.Actor), n.Post is null ? null : PostDto.From(n.Post), n.CreatedAt, n.Read)
        {
            Decision = n.Decision is null ? null : Moderation.DecisionDto.From(n.Decision),
        };
}

/// <summary>/notifications: newest first; mark read up to an id.</summary>
public static class NotificationsApi
{
    public sealed record MarkReadRequest(string? UpTo);

    public static RouteGroupBuilder MapNotifications(this RouteGroupBuilder api)
    {
        var notifications = api.MapGroup("/notifications").WithTags("Notifications").RequireAuthorization();
        notifications.MapGet("/", List).WithSummary("Your notifications, newest first.");
        notifications.MapPost("/read", MarkRead).WithSummary("Mark your notifications read up to and including an id.");
        return api;
    }

    internal static async Task<Results<Ok<ItemsResponse<NotificationDto>>, ValidationProblem>> List(string? cursor, int? limit, ClaimsPrincipal caller, IGrainFactory grains)
    {
        if (Paging.Limit(limit) is not { } size) return ApiProblems.Validation("limit", "Use a limit from 1 to 100.");
        return TypedResults.Ok(Paging.Map(await grains.GetGrain<IUserGraphGrain>(caller.UserId()!).GetNotifications(cursor, size), NotificationDto.From));
    }

    internal static async Task<Results<NoContent, ValidationProblem>> MarkRead(MarkReadRequest body, ClaimsPrincipal caller, IGrainFactory grains)
    {
        if (string.IsNullOrWhiteSpace(body.UpTo) || body.UpTo.Length > 64) return ApiProblems.Validation("upTo", "Give the id of the newest notification you have seen.");
        await grains.GetGrain<IUserGraphGrain>(caller.UserId()!).MarkNotificationsRead(body.UpTo);
        return TypedResults.NoContent();
    }
}

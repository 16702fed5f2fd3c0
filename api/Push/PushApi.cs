using System.Globalization;
using System.Security.Claims;
using ChitLaq.Api.Auth;
using ChitLaq.Api.Problems;
using ChitLaq.Grains.Abstractions.Push;

namespace ChitLaq.Api.Push;

/// <summary>/push: the server's VAPID key, a student's push subscriptions (one per browser) and preferences (API.md "Push notifications").</summary>
public static class PushApi
{
    public sealed record KeyDto(string PublicKey);

    public sealed record SubscriptionKeys(string? P256dh, string? Auth);

    public sealed record SubscriptionRequest(string? Endpoint, SubscriptionKeys? Keys);

    public sealed record SubscriptionCreated(string Id);

    public sealed record QuietHoursDto(string? Start, string? End, string? TimeZone);

    public sealed record PreferencesDto(IReadOnlyDictionary<string, bool>? Alerts, QuietHoursDto? QuietHours)
    {
        public static PreferencesDto From(PushPreferences p) => new(p.Alerts,
            p.Quiet is { } q ? new QuietHoursDto(q.Start.ToString("HH:mm", CultureInfo.InvariantCulture), q.End.ToString("HH:mm", CultureInfo.InvariantCulture), q.TimeZone) : null);
    }

    public static RouteGroupBuilder MapPush(this RouteGroupBuilder api)
    {
        var push = api.MapGroup("/push").WithTags("Push notifications");
        push.MapGet("/key", (VapidKeyPair keys) => TypedResults.Ok(new KeyDto(keys.PublicKey)))
            .WithSummary("The server's VAPID public key (base64url), the applicationServerKey browsers subscribe with.");
        push.MapPost("/subscriptions", Subscribe).RequireAuthorization()
            .WithSummary("Register this browser's push subscription (the same endpoint again updates it, 200).");
        push.MapDelete("/subscriptions/{id}", Unsubscribe).RequireAuthorization().WithSummary("Stop pushing to one of your browsers.");
        push.MapGet("/preferences", GetPreferences).RequireAuthorization().WithSummary("Which events you are pushed, and your quiet hours.");
        push.MapPut("/preferences", SetPreferences).RequireAuthorization()
            .WithSummary("Set alerts (message, mention, reply, follow, like, repost, moderation) and quiet hours (HH:mm in an IANA time zone, or null).");
        return api;
    }

    private static IPushGrain Push(IGrainFactory grains, ClaimsPrincipal caller) => grains.GetGrain<IPushGrain>(caller.UserId()!);

    internal static async Task<IResult> Subscribe(SubscriptionRequest body, ClaimsPrincipal caller, IGrainFactory grains)
    {
        var result = await Push(grains, caller).Subscribe(body.Endpoint?.Trim() ?? "", body.Keys?.P256dh?.Trim() ?? "", body.Keys?.Auth?.Trim() ?? "");
        return result.Outcome switch
        {
            PushOutcome.Done when result.Created => TypedResults.Created($"{ApiSetup.BasePath}/push/subscriptions/{result.Value}", new SubscriptionCreated(result.Value!)),
            PushOutcome.Done => TypedResults.Ok(new SubscriptionCreated(result.Value!)),
            _ => ApiProblems.Validation(result.Errors!.ToDictionary(e => e.Key, e => e.Value)),
        };
    }

    internal static async Task<IResult> Unsubscribe(string id, ClaimsPrincipal caller, IGrainFactory grains) =>
        id.Length <= 64 && await Push(grains, caller).Unsubscribe(id) == PushOutcome.Done
            ? TypedResults.NoContent()
            : ApiProblems.Problem(StatusCodes.Status404NotFound, ProblemCodes.NotFound, "No such push subscription.");

    internal static async Task<IResult> GetPreferences(ClaimsPrincipal caller, IGrainFactory grains) =>
        TypedResults.Ok(PreferencesDto.From(await Push(grains, caller).GetPreferences()));

    internal static async Task<IResult> SetPreferences(PreferencesDto body, ClaimsPrincipal caller, IGrainFactory grains)
    {
        QuietHours? quiet = null;
        if (body.QuietHours is { } q)
        {
            if (!TimeOnly.TryParseExact(q.Start, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start)
                || !TimeOnly.TryParseExact(q.End, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var end))
                return ApiProblems.Validation("quietHours", "Give start and end as HH:mm (24-hour clock).");
            if (string.IsNullOrWhiteSpace(q.TimeZone)) return ApiProblems.Validation("quietHours.timeZone", "Give an IANA time zone, e.g. Europe/Istanbul.");
            quiet = new QuietHours(start, end, q.TimeZone.Trim());
        }
        var result = await Push(grains, caller).SetPreferences(new PushPreferences(body.Alerts ?? new Dictionary<string, bool>(), quiet));
        return result.Outcome == PushOutcome.Done
            ? TypedResults.Ok(PreferencesDto.From(result.Value!))
            : ApiProblems.Validation(result.Errors!.ToDictionary(e => e.Key, e => e.Value));
    }
}

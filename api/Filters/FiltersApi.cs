using System.Security.Claims;
using ChitLaq.Api.Auth;
using ChitLaq.Api.Problems;
using ChitLaq.Grains.Abstractions.Filters;

namespace ChitLaq.Api.Filters;

/// <summary>/filters: the signed-in user's personal keyword filters (API.md "Trust and safety").</summary>
public static class FiltersApi
{
    /// <summary>wholeWord defaults to true, contexts to all five, action to hide; expiresAt null keeps the filter.</summary>
    public sealed record FilterRequest(string? Phrase, bool? WholeWord, IReadOnlyList<string>? Contexts, string? Action, DateTimeOffset? ExpiresAt);

    public sealed record FilterDto(string Id, string Phrase, bool WholeWord, IReadOnlyList<string> Contexts, string Action,
        DateTimeOffset? ExpiresAt, DateTimeOffset CreatedAt)
    {
        public static FilterDto From(KeywordFilter f) => new(f.Id, f.Phrase, f.WholeWord, f.Contexts, f.Action, f.ExpiresAt, f.CreatedAt);
    }

    public sealed record FilterList(IReadOnlyList<FilterDto> Items, string? NextCursor);

    public static RouteGroupBuilder MapFilters(this RouteGroupBuilder api)
    {
        var filters = api.MapGroup("/filters").WithTags("Trust and safety").RequireAuthorization();
        filters.MapGet("/", List).WithSummary("Your keyword filters, newest first (expired ones are gone; at most 100).");
        filters.MapPost("/", Create).WithSummary(
            "Hide or warn about posts with a word or phrase in home, explore, notifications, search and threads (case and accents ignored).");
        filters.MapDelete("/{id}", Delete).WithSummary("Remove one of your keyword filters.");
        return api;
    }

    private static IKeywordFiltersGrain Filters(IGrainFactory grains, ClaimsPrincipal caller) => grains.GetGrain<IKeywordFiltersGrain>(caller.UserId()!);

    internal static async Task<IResult> List(ClaimsPrincipal caller, IGrainFactory grains) =>
        TypedResults.Ok(new FilterList((await Filters(grains, caller).ListFilters()).Select(FilterDto.From).ToList(), null));

    internal static async Task<IResult> Create(FilterRequest body, ClaimsPrincipal caller, IGrainFactory grains)
    {
        if (body.Contexts is { } given && given.Any(c => c is null))
            return ApiProblems.Validation("contexts", "Contexts are names: " + string.Join(", ", FilterContexts.All) + ".");
        var request = new KeywordFilterRequest(body.Phrase ?? "", body.WholeWord ?? true, body.Contexts ?? FilterContexts.All,
            body.Action ?? FilterActions.Hide, body.ExpiresAt);
        var result = await Filters(grains, caller).AddFilter(request);
        return result.Outcome switch
        {
            FilterOutcome.Done => TypedResults.Created($"{ApiSetup.BasePath}/filters/{result.Filter!.Id}", FilterDto.From(result.Filter)),
            FilterOutcome.TooMany => ApiProblems.Problem(StatusCodes.Status422UnprocessableEntity, ProblemCodes.TooManyFilters,
                "You have the most filters an account can keep.", "Remove one before adding another (at most 100)."),
            _ => ApiProblems.Validation(result.Errors!.ToDictionary(e => e.Key, e => e.Value)),
        };
    }

    internal static async Task<IResult> Delete(string id, ClaimsPrincipal caller, IGrainFactory grains) =>
        id.Length <= 64 && await Filters(grains, caller).RemoveFilter(id) == FilterOutcome.Done
            ? TypedResults.NoContent()
            : ApiProblems.Problem(StatusCodes.Status404NotFound, ProblemCodes.NotFound, "No such filter.");
}

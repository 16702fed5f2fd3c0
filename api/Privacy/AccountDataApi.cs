using System.Security.Claims;
using ChitLaq.Api.Auth;
using ChitLaq.Api.Problems;
using ChitLaq.Api.RateLimiting;
using ChitLaq.Grains.Abstractions.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace ChitLaq.Api.Privacy;

/// <summary>
/// API.md "Privacy and account control": data exports (<c>/me/export</c>) and account deletion
/// (<c>DELETE /users/me</c>). Both stay open to a suspended account (see RestrictedSessions): a
/// moderation decision does not take away a student's right to their data or to leave.
/// </summary>
public static class AccountDataApi
{
    public static RouteGroupBuilder MapAccountData(this RouteGroupBuilder api)
    {
        var me = api.MapGroup("/me").WithTags("Privacy").RequireAuthorization();
        me.MapPost("/export", RequestExport).WithSummary("Ask for a copy of your data (at most one a day); built in the background.");
        me.MapGet("/exports", ListExports).WithSummary("Your recent data exports, newest first.");
        me.MapGet("/export/{id}", GetExport).WithSummary("Where a data export stands; a ready one has the download url.");
        me.MapGet("/export/{id}/download", Download).WithSummary("The export archive (zip), for 7 days after it is ready.")
            .Produces(StatusCodes.Status200OK, contentType: "application/zip");
        api.MapDelete("/users/me", DeleteAccount).WithTags("Privacy").RequireAuthorization()
            .WithSummary("Delete your account (confirm with your password): signed out everywhere now, erased after the grace period unless you sign in again.");
        return api;
    }

    private static IUserGrain Me(this IGrainFactory grains, ClaimsPrincipal caller) => grains.GetGrain<IUserGrain>(caller.UserId()!);

    internal static async Task<Results<Accepted<ExportDto>, ProblemHttpResult>> RequestExport(ClaimsPrincipal caller, HttpContext http, IGrainFactory grains)
    {
        var result = await grains.Me(caller).RequestExport(http.ClientInfo());
        switch (result.Outcome)
        {
            case ExportOutcome.Accepted:
                return TypedResults.Accepted($"{ApiSetup.BasePath}/me/export/{result.Export!.Id}", ExportDto.From(result.Export));
            case ExportOutcome.TooSoon:
                http.Response.Headers.RetryAfter = RateLimitingSetup.RetryAfterSeconds(result.RetryAfter ?? TimeSpan.FromDays(1));
                return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "You can ask for one copy of your data a day.",
                    detail: "Download the latest one, or ask again later.",
                    extensions: new Dictionary<string, object?> { ["code"] = ProblemCodes.RateLimited, ["exportId"] = result.Export?.Id });
            default:
                return AccountNotFound();
        }
    }

    internal static async Task<Ok<ItemsResponse<ExportDto>>> ListExports(ClaimsPrincipal caller, IGrainFactory grains) =>
        TypedResults.Ok(new ItemsResponse<ExportDto>((await grains.Me(caller).ListExports()).Select(ExportDto.From).ToList(), null));

    internal static async Task<Results<Ok<ExportDto>, ProblemHttpResult>> GetExport(string id, ClaimsPrincipal caller, IGrainFactory grains) =>
        await grains.Me(caller).GetExport(id) is { } export ? TypedResults.Ok(ExportDto.From(export)) : ExportNotFound();

    internal static async Task<IResult> Download(string id, ClaimsPrincipal caller, IGrainFactory grains, IExportArchives archives)
    {
        var export = await grains.Me(caller).GetExport(id);
        switch (export?.Status)
        {
            case null:
                return ExportNotFound();
            case ExportStatuses.Expired:
                return ApiProblems.Problem(StatusCodes.Status410Gone, ProblemCodes.ExportExpired, "This export has expired.", "Ask for a new copy of your data.");
            case ExportStatuses.Ready when export.ArchiveKey is { } key && archives.OpenRead(key) is { } archive:
                var handle = caller.FindFirst(ChitLaqClaims.Handle)?.Value ?? "me";
                return TypedResults.File(archive, "application/zip", $"chitlaq-{handle}-{export.ReadyAt:yyyy-MM-dd}.zip");
            case ExportStatuses.Ready:
                return ApiProblems.Problem(StatusCodes.Status410Gone, ProblemCodes.ExportExpired, "This export is no longer available.", "Ask for a new copy of your data.");
            default:
                return ApiProblems.Problem(StatusCodes.Status409Conflict, ProblemCodes.ExportNotReady, "This export is not ready.", $"Its status is {export.Status}.");
        }
    }

    internal static async Task<Results<Accepted<DeletionScheduledDto>, ValidationProblem, ProblemHttpResult>> DeleteAccount(
        [FromBody(EmptyBodyBehavior = Microsoft.AspNetCore.Mvc.ModelBinding.EmptyBodyBehavior.Allow)] DeleteAccountRequest? body,
        ClaimsPrincipal caller, HttpContext http, IGrainFactory grains)
    {
        if (string.IsNullOrEmpty(body?.Password)) return ApiProblems.Validation("password", "Enter your password to confirm.");
        var result = await grains.Me(caller).RequestDeletion(body.Password, http.ClientInfo());
        switch (result.Outcome)
        {
            case DeletionOutcome.Scheduled:
                return TypedResults.Accepted((string?)null, new DeletionScheduledDto(result.EraseAt!.Value));
            case DeletionOutcome.WrongPassword:
                return ApiProblems.Problem(StatusCodes.Status403Forbidden, ProblemCodes.InvalidCredentials, "The password is incorrect.", "Your account was not deleted.");
            case DeletionOutcome.LockedOut:
                http.Response.Headers.RetryAfter = RateLimitingSetup.RetryAfterSeconds(result.RetryAfter ?? TimeSpan.FromMinutes(15));
                return ApiProblems.Problem(StatusCodes.Status423Locked, ProblemCodes.AccountLocked,
                    "Too many wrong passwords: this account is locked for a while.", "Try again later.");
            default:
                return AccountNotFound();
        }
    }

    private static ProblemHttpResult ExportNotFound() => ApiProblems.Problem(StatusCodes.Status404NotFound, ProblemCodes.NotFound, "No such export.");

    private static ProblemHttpResult AccountNotFound() =>
        ApiProblems.Problem(StatusCodes.Status404NotFound, ProblemCodes.NotFound, "This account is being deleted.");
}

using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace ChitLaq.Api.Problems;

/// <summary>
/// Turns exceptions that escape an endpoint into problem+json. Requests the framework could not
/// bind (malformed JSON, wrong content type, body too large) become 4xx with a code; anything
/// else is a 500 that names no internals — the details go to the log with the trace id.
/// </summary>
internal sealed class UnhandledExceptionHandler(ILogger<UnhandledExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var (status, code, title, detail) = Describe(exception);
        var traceId = System.Diagnostics.Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier;
        if (status == StatusCodes.Status500InternalServerError)
            logger.LogError(exception, "Unhandled exception on {Method} {Path} (trace {TraceId})", context.Request.Method, context.Request.Path, traceId);
        else if (status >= 500)
            // An outage the client may retry through (database or a node briefly away), not a bug.
            logger.LogWarning(exception, "Transient failure on {Method} {Path} (trace {TraceId})", context.Request.Method, context.Request.Path, traceId);
        else
            logger.LogDebug(exception, "Rejected request on {Method} {Path}", context.Request.Method, context.Request.Path);

        context.Response.StatusCode = status;
        if (status == StatusCodes.Status503ServiceUnavailable)
            context.Response.Headers.RetryAfter = "2"; // transient by construction (see Describe)
        // Written as problem+json whatever the client's Accept header says (the problem details
        // service declines clients that do not accept JSON, which left the error unhandled).
        var problem = new ProblemDetails
        {
            Status = status,
            Title = title,
            Detail = detail,
            Instance = context.Request.Path,
            Extensions =
            {
                ["code"] = code,
                ["traceId"] = traceId,
            },
        };
        await TypedResults.Problem(problem).ExecuteAsync(context);
        return true;
    }

    private static (int Status, string Code, string Title, string? Detail) Describe(Exception exception) => exception switch
    {
        BadHttpRequestException { StatusCode: StatusCodes.Status400BadRequest } bad => (
            StatusCodes.Status400BadRequest, ProblemCodes.MalformedRequest,
            "The request body or parameters could not be read.", PublicReason(bad)),
        BadHttpRequestException bad => (
            bad.StatusCode, ProblemCodes.ForStatus(bad.StatusCode), "The request could not be processed.", null),
        OperationCanceledException => (
            StatusCodes.Status503ServiceUnavailable, ProblemCodes.ServiceUnavailable, "The request was cancelled before it completed.", null),
        // A grain's node left the cluster mid-call (rolling restart, crash): the call did not happen.
        Orleans.Runtime.OrleansMessageRejectionException => (
            StatusCodes.Status503ServiceUnavailable, ProblemCodes.ServiceUnavailable, "The service is briefly unavailable; try again.", null),
        // The database is unreachable, failing over or timing out: nothing was acknowledged, the
        // client may retry. Any other database error is a bug and falls through to 500.
        Grains.Abstractions.Errors.DatabaseUnavailableException => (
            StatusCodes.Status503ServiceUnavailable, ProblemCodes.ServiceUnavailable, "The service is briefly unavailable; try again.", null),
        System.Data.Common.DbException db when Grains.Abstractions.Errors.DatabaseErrors.IsTransient(db) => (
            StatusCodes.Status503ServiceUnavailable, ProblemCodes.ServiceUnavailable, "The service is briefly unavailable; try again.", null),
        TimeoutException => (
            StatusCodes.Status503ServiceUnavailable, ProblemCodes.ServiceUnavailable, "The service is briefly unavailable; try again.", null),
        _ => (StatusCodes.Status500InternalServerError, ProblemCodes.InternalError, "An unexpected error occurred.", null),
    };

    // The framework's messages name the parameter and the JSON path, never server internals.
    private static string PublicReason(BadHttpRequestException bad) =>
        bad.InnerException is System.Text.Json.JsonException json
            ? $"Malformed JSON{(json.Path is { Length: > 0 } path ? $" at {path}" : "")}."
            : bad.Message;
}

using Microsoft.AspNetCore.Http.HttpResults;

namespace ChitLaq.Api.Problems;

/// <summary>Typed problem results that endpoints return; every one carries a stable <c>code</c>.</summary>
public static class ApiProblems
{
    public static ProblemHttpResult Problem(int status, string code, string title, string? detail = null) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title,
            extensions: new Dictionary<string, object?> { ["code"] = code });

    /// <summary>400 <c>validation_failed</c> with <c>errors: { field: [messages] }</c>.</summary>
    public static ValidationProblem Validation(IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: "One or more fields are invalid.",
            extensions: new Dictionary<string, object?> { ["code"] = ProblemCodes.ValidationFailed });

    public static ValidationProblem Validation(string field, string message) =>
        Validation(new Dictionary<string, string[]> { [field] = [message] });

    public const string ContentBlockedDetail =
        "It contains a word or phrase this server does not allow. Change the text and try again.";

    /// <summary>422 <c>content_blocked</c>: a server keyword rule refused the text (the rule itself is not named).</summary>
    public static ProblemHttpResult ContentBlocked() =>
        Problem(StatusCodes.Status422UnprocessableEntity, ProblemCodes.ContentBlocked, "Not published.", ContentBlockedDetail);
}

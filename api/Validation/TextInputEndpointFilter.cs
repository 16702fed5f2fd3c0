using System.Reflection;
using ChitLaq.Api.Problems;
using Microsoft.AspNetCore.Mvc;

namespace ChitLaq.Api.Validation;

/// <summary>
/// Applied to the whole API group: any request whose text (body fields, query or route values)
/// <see cref="TextInput"/> refuses is answered 400 <c>validation_failed</c> naming each field,
/// before an endpoint or grain sees it — so nothing reaches PostgreSQL that it cannot store and
/// nothing is half-written. A blank route value is a 404: it can name no resource (and blank
/// grain keys are refused by Orleans).
/// </summary>
public static class TextInputEndpointFilter
{
    public static TBuilder RejectHostileText<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilterFactory((factory, next) =>
        {
            var checks = factory.MethodInfo.GetParameters()
                .Select((parameter, index) => (Index: index, Name: ClientName(parameter), parameter.ParameterType))
                .Where(p => TextInputFields.MayCarryText(p.ParameterType))
                .ToArray();
            return async context =>
            {
                // A blank path segment ("/posts/%20") names nothing: no id, handle or key is blank.
                if (context.HttpContext.Request.RouteValues.Values.Any(value => value is string text && string.IsNullOrWhiteSpace(text)))
                    return ApiProblems.Problem(StatusCodes.Status404NotFound, ProblemCodes.NotFound, "Not found.");
                var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
                foreach (var (index, name, _) in checks)
                    TextInputFields.Check(name, context.Arguments[index], errors);
                return errors.Count == 0 ? await next(context) : ApiProblems.Validation(errors);
            };
        });

    // A body record's fields are named on their own ("text", not "body.text"); a query or
    // route value by the name the client used.
    private static string ClientName(ParameterInfo parameter) =>
        parameter.GetCustomAttribute<FromQueryAttribute>()?.Name
        ?? parameter.GetCustomAttribute<FromRouteAttribute>()?.Name
        ?? (parameter.ParameterType == typeof(string) || typeof(IEnumerable<string>).IsAssignableFrom(parameter.ParameterType)
            ? parameter.Name ?? ""
            : "");
}

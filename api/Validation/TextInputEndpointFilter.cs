using System.Reflection;
using ChitLaq.Api.Problems;
using Microsoft.AspNetCore.Mvc;

namespace ChitLaq.Api.Validation;

/// <summary>
/// Applied to the whole API group: any request whose text (body fields, query or route values)
/// <see cref="TextInput"/> refuses is answered 400 <c>validation_failed</c> naming each field,
/// before an endpoint or grain sees it — so nothing reaches PostgreSQL that it cannot store and
/// nothing is half-written. A blank route value is a 404: it can name no resource (and blank
/// grain keys are refused by Orleans). Endpoints without text parameters get no filter at all.
/// </summary>
public static class TextInputEndpointFilter
{
    private sealed record TextParameter(int Index, string Name, bool IsString);

    public static TBuilder RejectHostileText<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilterFactory((factory, next) =>
        {
            var checks = factory.MethodInfo.GetParameters()
                .Select((parameter, index) => (parameter, index))
                .Where(p => TextInputFields.MayCarryText(p.parameter.ParameterType))
                .Select(p => new TextParameter(p.index, ClientName(p.parameter), p.parameter.ParameterType == typeof(string)))
                .ToArray();
            if (checks.Length == 0) return next;
            return async context =>
            {
                Dictionary<string, string[]>? errors = null;
                foreach (var check in checks)
                {
                    var value = context.Arguments[check.Index];
                    if (check.IsString && value is string text && IsBlankRouteValue(context.HttpContext, check.Name, text))
                        return ApiProblems.Problem(StatusCodes.Status404NotFound, ProblemCodes.NotFound, "Not found.");
                    TextInputFields.Check(check.Name, value, ref errors);
                }
                return errors is null ? await next(context) : ApiProblems.Validation(errors);
            };
        });

    private static bool IsBlankRouteValue(HttpContext http, string name, string value) =>
        string.IsNullOrWhiteSpace(value) && http.Request.RouteValues.ContainsKey(name);

    // A body record's fields are named on their own ("text", not "body.text"); a query or
    // route value by the name the client used.
    private static string ClientName(ParameterInfo parameter) =>
        parameter.GetCustomAttribute<FromQueryAttribute>()?.Name
        ?? parameter.GetCustomAttribute<FromRouteAttribute>()?.Name
        ?? (parameter.ParameterType == typeof(string) || typeof(IEnumerable<string>).IsAssignableFrom(parameter.ParameterType)
            ? parameter.Name ?? ""
            : "");
}

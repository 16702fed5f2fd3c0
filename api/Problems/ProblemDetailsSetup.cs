using System.Diagnostics;
using Microsoft.AspNetCore.Http.Json;

namespace ChitLaq.Api.Problems;

public static class ProblemDetailsSetup
{
    /// <summary>Every error the API answers is RFC 9457 problem+json with a <c>code</c> and the trace id.</summary>
    public static IServiceCollection AddChitLaqProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            var status = problem.Status ?? context.HttpContext.Response.StatusCode;
            problem.Extensions.TryAdd("code", ProblemCodes.ForStatus(status));
            problem.Extensions["traceId"] = Activity.Current?.TraceId.ToString() ?? context.HttpContext.TraceIdentifier;
            problem.Instance ??= context.HttpContext.Request.Path;
        });
        services.AddExceptionHandler<UnhandledExceptionHandler>();
        // The handler logs what is a server error (with the trace id) and nothing else; since
        // .NET 10 the middleware adds no "unhandled exception" line for what a handler handled.
        // Binding failures throw (and reach the handler above) instead of answering an empty 400.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(options => options.SerializerOptions.AllowTrailingCommas = false);
        return services;
    }

    /// <summary>Exception handler and status-code pages (404, 405…) that answer problem+json.</summary>
    public static IApplicationBuilder UseChitLaqProblemDetails(this IApplicationBuilder app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }
}

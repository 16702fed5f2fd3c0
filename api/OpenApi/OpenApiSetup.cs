using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace ChitLaq.Api.OpenApi;

public static class OpenApiSetup
{
    /// <summary>The document served at /openapi/v1.json, named for clients rather than for the assembly.</summary>
    public static IServiceCollection AddChitLaqOpenApi(this IServiceCollection services) =>
        services.AddOpenApi("v1", options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "ChitLaq API",
                Version = "v1",
                Description = "The campus social network: accounts, graph, posts and feeds, search, chat. " +
                              "Errors are RFC 9457 problem+json with a stable `code`.",
            };
            return Task.CompletedTask;
        }));
}

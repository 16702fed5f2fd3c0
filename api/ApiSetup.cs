using ChitLaq.Api.Admin;
using ChitLaq.Api.Auth;
using ChitLaq.Api.Chat;
using ChitLaq.Api.Feeds;
using ChitLaq.Api.Filters;
using ChitLaq.Api.Notifications;
using ChitLaq.Api.Posts;
using ChitLaq.Api.Privacy;
using ChitLaq.Api.Push;
using ChitLaq.Api.Gateway;
using ChitLaq.Api.Handles;
using ChitLaq.Api.Media;
using ChitLaq.Api.Moderation;
using ChitLaq.Api.RateLimiting;
using ChitLaq.Api.Search;
using ChitLaq.Api.Users;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using ChitLaq.Api.OpenApi;
using ChitLaq.Api.Problems;
using ChitLaq.Api.Realtime;
using ChitLaq.Api.Validation;

namespace ChitLaq.Api;

/// <summary>What the silo host calls to add and map the HTTP API and the hub.</summary>
public static class ApiSetup
{
    public const string BasePath = "/api/v1";

    public static IServiceCollection AddChitLaqApi(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddChitLaqProblemDetails();
        services.AddChitLaqForwardedHeaders(configuration);
        services.AddChitLaqGateway(configuration);
        services.AddChitLaqAuth(configuration, environment);
        services.AddChitLaqRateLimiting(configuration);
        services.AddChitLaqOpenApi();
        services.AddSignalR(hub =>
        {
            // In order: the first is outermost.
            Microsoft.AspNetCore.SignalR.HubOptionsExtensions.AddFilter<HubErrorFilter>(hub);
            Microsoft.AspNetCore.SignalR.HubOptionsExtensions.AddFilter<Moderation.AccountStandingHubFilter>(hub);
            Microsoft.AspNetCore.SignalR.HubOptionsExtensions.AddFilter<TextInputHubFilter>(hub);
        });
        services.AddSingleton<Microsoft.AspNetCore.SignalR.IUserIdProvider, SubjectUserIdProvider>();
        services.AddSingleton<MessageRateLimiter>();
        services.AddSingleton<Moderation.AccountStandings>();
        services.AddSingleton<HubConnections>();
        return services;
    }

    public static IApplicationBuilder UseChitLaqApi(this IApplicationBuilder app, IHostEnvironment environment)
    {
        app.UseForwardedHeaders();
        app.UseChitLaqProblemDetails();
        app.UseChitLaqGateway(environment);
        app.UseMiddleware<DrainingHubGate>();
        app.UseAuthentication();
        app.UseMiddleware<Moderation.AccountStandingGate>();
        app.UseAuthorization();
        app.UseRateLimiter();
        return app;
    }

    public static IEndpointRouteBuilder MapChitLaqApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup(BasePath);
        api.RejectHostileText();
        api.MapHandles();
        api.MapAuth();
        api.MapUsers();
        api.MapAdmin();
        api.MapGraph();
        api.MapFollowRequests();
        api.MapBookmarks();
        api.MapPosts();
        api.MapFeeds();
        api.MapSearch();
        api.MapMedia();
        api.MapNotifications();
        api.MapConversations();
        api.MapPresence();
        api.MapReports();
        api.MapModeration();
        api.MapKeywordRules();
        api.MapDecisions();
        api.MapFilters();
        api.MapPush();
        api.MapAccountData();
        foreach (var module in endpoints.ServiceProvider.GetServices<IApiModule>())
            module.Map(api);

        endpoints.MapHub<ChatHub>(ChatHub.Route);
        endpoints.MapOpenApi("/openapi/{documentName}.json");
        return endpoints;
    }
}

/// <summary>
/// An endpoint group that is registered in DI rather than named in <see cref="ApiSetup"/>: how
/// optional features and test hosts add routes under /api/v1 with the same error handling.
/// </summary>
public interface IApiModule
{
    void Map(RouteGroupBuilder api);
}

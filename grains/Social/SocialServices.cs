using Microsoft.Extensions.DependencyInjection.Extensions;
using ChitLaq.Grains.Feeds;
using ChitLaq.Grains.Posts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChitLaq.Grains.Social;

public static class SocialServices
{
    /// <summary>
    /// What graph, post, feed and discovery grains need from the host, besides an
    /// <see cref="IUserEvents"/> and an <c>NpgsqlDataSource</c>.
    /// </summary>
    public static IServiceCollection AddSocialGrainServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSelfValidatingOptions<FeedOptions>(configuration, FeedOptions.Section);
        services.TryAddSingleton<ChitLaqMetrics>();
        services.AddSingleton<GraphStore>();
        services.AddSingleton<FollowRequestStore>();
        services.AddSingleton<Filters.KeywordFilterStore>();
        services.AddSingleton<NotificationStore>();
        services.AddSingleton<PostStore>();
        services.AddSingleton<PostHydrator>();
        services.AddSingleton<TrendStore>();
        services.AddSingleton<DiscoveryStore>();
        services.AddSingleton<Chat.ChatStore>();
        services.AddSingleton<Chat.ReactionStore>();
        services.AddSingleton<Chat.PresenceStore>();
        services.AddSingleton<Chat.MessageWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<Chat.MessageWriter>());
        return services;
    }
}

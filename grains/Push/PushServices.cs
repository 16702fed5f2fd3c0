using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ChitLaq.Grains.Push;

public static class PushServices
{
    /// <summary>Push grains, the outbox sender of this node, and the VAPID keys (resolved at start-up, so Production fails fast without them).</summary>
    public static IServiceCollection AddPushServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSelfValidatingOptions<PushOptions>(configuration, PushOptions.Section);
        services.AddSingleton(sp => VapidKeys.Resolve(sp.GetRequiredService<IOptions<PushOptions>>(), sp.GetRequiredService<IHostEnvironment>()));
        services.AddSingleton<PushStore>();
        services.AddSingleton<PushWakeup>();
        services.AddSingleton<PushNotices>();
        services.AddHostedService<PushSender>();
        return services;
    }
}

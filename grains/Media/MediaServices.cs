using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChitLaq.Grains.Media;

public static class MediaServices
{
    public static IServiceCollection AddMediaGrainServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSelfValidatingOptions<MediaOptions>(configuration, MediaOptions.Section);
        services.AddSingleton<IMediaStore, FileSystemMediaStore>();
        services.AddSingleton<ImageProcessor>();
        services.AddSingleton<MediaTable>();
        services.AddSingleton<MediaJanitor>();
        services.AddHostedService(sp => sp.GetRequiredService<MediaJanitor>());
        return services;
    }
}

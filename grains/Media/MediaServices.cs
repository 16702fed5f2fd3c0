using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChitLaq.Grains.Media;

public static class MediaServices
{
    public static IServiceCollection AddMediaGrainServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSelfValidatingOptions<MediaOptions>(configuration, MediaOptions.Section);
        // Chosen by Media:Store (validated at start-up with the rest of the section).
        services.AddSingleton<IMediaStore>(sp => sp.GetRequiredService<IOptions<MediaOptions>>().Value.Store == MediaOptions.S3Store
            ? ActivatorUtilities.CreateInstance<S3MediaStore>(sp)
            : ActivatorUtilities.CreateInstance<FileSystemMediaStore>(sp));
        services.AddSingleton<ImageProcessor>();
        services.AddSingleton<MediaTable>();
        services.AddSingleton<MediaJanitor>();
        services.AddHostedService(sp => sp.GetRequiredService<MediaJanitor>());
        return services;
    }
}

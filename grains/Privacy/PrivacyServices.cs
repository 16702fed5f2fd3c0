using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChitLaq.Grains.Privacy;

public static class PrivacyServices
{
    /// <summary>Data exports and account erasure: the job tables, the archive store and this node's two workers.</summary>
    public static IServiceCollection AddPrivacyServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSelfValidatingOptions<AccountLifecycleOptions>(configuration, AccountLifecycleOptions.Section);
        services.AddSingleton<AccountJobStore>();
        services.AddSingleton<AccountJobsWakeup>();
        services.AddSingleton<ExportArchiveStore>();
        services.AddSingleton<DataExportWriter>();
        services.AddSingleton<ErasureStore>();
        services.AddSingleton<AccountEraser>();
        services.AddHostedService<DataExportWorker>();
        services.AddHostedService<ErasureWorker>();
        return services;
    }
}

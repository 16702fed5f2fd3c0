using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Configuration;

namespace ChitLaq.Grains.Accounts;

public static class AccountServices
{
    /// <summary>
    /// What account grains need from the host, besides an <see cref="IAccountMailer"/> and an
    /// <c>NpgsqlDataSource</c>: options (validated at start-up), hasher, session store, audit, directory.
    /// </summary>
    public static IServiceCollection AddAccountGrainServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSelfValidatingOptions<AccountOptions>(configuration, AccountOptions.Section);
        services.AddSelfValidatingOptions<RefreshLimitOptions>(configuration, RefreshLimitOptions.Section);
        services.AddSingleton<PasswordHasher>();
        services.TryAddSingleton<ChitLaqMetrics>();
        services.AddSingleton<ProfileCache>();
        services.AddSingleton<SessionStore>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<UserDirectory>();
        services.AddSingleton<UniversityDomains>();
        return services;
    }
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace ChitLaq.Grains.Accounts;

public static class AccountServices
{
    /// <summary>
    /// What account grains need from the host, besides an <see cref="IAccountMailer"/> and an
    /// <c>NpgsqlDataSource</c>: options (validated at start-up), hasher, session store, audit, directory.
    /// </summary>
    public static IServiceCollection AddAccountGrainServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AccountOptions>()
            .Bind(configuration.GetSection(AccountOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<AccountOptions>, AccountOptionsValidator>();
        services.AddSingleton<PasswordHasher>();
        services.AddSingleton<ChitLaqMetrics>();
        services.AddSingleton<ProfileCache>();
        services.AddSingleton<SessionStore>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<UserDirectory>();
        services.AddSingleton<UniversityDomains>();
        return services;
    }

    private sealed class AccountOptionsValidator : IValidateOptions<AccountOptions>
    {
        public ValidateOptionsResult Validate(string? name, AccountOptions options)
        {
            var problems = options.Validate().ToList();
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}

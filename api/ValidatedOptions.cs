using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace ChitLaq.Api;

/// <summary>An API options class that lists its own problems, each naming the configuration key.</summary>
/// <remarks>The api project sees only grains.abstractions, so it cannot use the grains' ISelfValidatingOptions; this is its one copy.</remarks>
public interface IValidatedOptions
{
    IEnumerable<string> Problems();
}

public static class ValidatedOptions
{
    /// <summary>Binds <typeparamref name="T"/> to <paramref name="section"/> and checks it at start-up.</summary>
    public static OptionsBuilder<T> AddValidatedOptions<T>(this IServiceCollection services, IConfiguration configuration, string section)
        where T : class, IValidatedOptions
    {
        services.AddSingleton<IValidateOptions<T>, Validator<T>>();
        return services.AddOptions<T>().Bind(configuration.GetSection(section)).ValidateOnStart();
    }

    private sealed class Validator<T> : IValidateOptions<T> where T : class, IValidatedOptions
    {
        public ValidateOptionsResult Validate(string? name, T options)
        {
            var problems = options.Problems().ToList();
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChitLaq.Grains;

/// <summary>An options class that lists its own problems, each naming the configuration key.</summary>
public interface ISelfValidatingOptions
{
    IEnumerable<string> Validate();
}

public static class SelfValidatingOptions
{
    /// <summary>Binds <typeparamref name="T"/> to <paramref name="section"/> and checks it at start-up with its own <c>Validate</c>.</summary>
    public static OptionsBuilder<T> AddSelfValidatingOptions<T>(this IServiceCollection services, IConfiguration configuration, string section)
        where T : class, ISelfValidatingOptions
    {
        services.AddSingleton<IValidateOptions<T>, Validator<T>>();
        return services.AddOptions<T>().Bind(configuration.GetSection(section)).ValidateOnStart();
    }

    private sealed class Validator<T> : IValidateOptions<T> where T : class, ISelfValidatingOptions
    {
        public ValidateOptionsResult Validate(string? name, T options)
        {
            var problems = options.Validate().ToList();
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}

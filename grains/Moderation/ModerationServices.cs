using Microsoft.Extensions.DependencyInjection;

namespace ChitLaq.Grains.Moderation;

public static class ModerationServices
{
    /// <summary>What report, moderation-list and user grains need for trust and safety (besides an <c>NpgsqlDataSource</c>).</summary>
    public static IServiceCollection AddModerationGrainServices(this IServiceCollection services)
    {
        services.AddSingleton<ModerationStore>();
        services.AddSingleton<ReportSubjects>();
        services.AddSingleton<ModerationViewBuilder>();
        services.AddSingleton<KeywordRuleBook>();
        services.AddSingleton<AutomaticReports>();
        return services;
    }
}

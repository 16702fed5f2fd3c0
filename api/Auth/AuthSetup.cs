using ChitLaq.Api.Realtime;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Tokens;

namespace ChitLaq.Api.Auth;

public static class AuthSetup
{
    /// <summary>
    /// JWT bearer authentication (also from <c>?access_token=</c> on the hub, which browsers need
    /// for WebSockets), HS256 only, and the authorization policies endpoints apply.
    /// </summary>
    public static IServiceCollection AddChitLaqAuth(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var signingKey = SigningKeys.Resolve(configuration, environment);
        var previousKeys = SigningKeys.Previous(configuration);
        services.AddOptions<JwtOptions>()
            .Configure(options =>
            {
                options.SigningKey = signingKey;
                if (TimeSpan.TryParse(configuration["Auth:AccessTokenLifetime"], out var lifetime)) options.AccessTokenLifetime = lifetime;
            })
            .Validate(options => options.AccessTokenLifetime > TimeSpan.Zero && options.AccessTokenLifetime <= TimeSpan.FromHours(1),
                "Auth:AccessTokenLifetime must be between 0 and 1 hour.")
            .ValidateOnStart();
        services.AddSingleton<AccessTokens>();

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(options =>
            {
                options.MapInboundClaims = false;
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = JwtOptions.Issuer,
                    ValidAudience = JwtOptions.Audience,
                    IssuerSigningKeys = previousKeys.Prepend(signingKey).Select(key => new SymmetricSecurityKey(key)).ToList(),
                    ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                    RequireSignedTokens = true,
                    RequireExpirationTime = true,
                    ValidateLifetime = true,
                    ClockSkew = TimeSpan.FromSeconds(30),
                    NameClaimType = ChitLaqClaims.Handle,
                    RoleClaimType = ChitLaqClaims.Roles,
                };
                options.Events = new JwtBearerEvents
                {
                    OnMessageReceived = context =>
                    {
                        var token = context.Request.Query["access_token"];
                        if (!string.IsNullOrEmpty(token) && context.HttpContext.Request.Path.StartsWithSegments(ChatHub.Route))
                            context.Token = token;
                        return Task.CompletedTask;
                    },
                };
            });

        services.Configure<VerifiedEmailOptions>(options => options.Required = configuration.GetValue("Auth:RequireVerifiedEmail", true));
        // Token lifetimes are checked against the same clock that issues them.
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<TimeProvider>((options, clock) => options.TokenValidationParameters.LifetimeValidator =
                (notBefore, expires, _, parameters) =>
                {
                    var now = clock.GetUtcNow().UtcDateTime;
                    return expires is { } expiry && now - parameters.ClockSkew < expiry
                        && (notBefore is not { } start || start <= now + parameters.ClockSkew);
                });
        services.AddSingleton<IAuthorizationHandler, VerifiedEmailHandler>();
        services.AddSingleton<IAuthorizationHandler, Moderation.PublishingHandler>();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, ProblemAuthorizationResultHandler>();
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.VerifiedEmail, policy => policy.RequireAuthenticatedUser().AddRequirements(new VerifiedEmailRequirement()))
            .AddPolicy(Policies.Publish, policy => policy.RequireAuthenticatedUser()
                .AddRequirements(new VerifiedEmailRequirement(), new Moderation.PublishingRequirement()))
            .AddPolicy(Policies.Moderator, policy => policy.RequireRole(Grains.Abstractions.Accounts.Roles.Moderator, Grains.Abstractions.Accounts.Roles.Admin))
            .AddPolicy(Policies.Admin, policy => policy.RequireRole(Grains.Abstractions.Accounts.Roles.Admin));
        return services;
    }
}

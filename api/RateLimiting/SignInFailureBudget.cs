using Microsoft.Extensions.Options;

namespace ChitLaq.Api.RateLimiting;

/// <summary>
/// Failed sign-ins per client address, across the cluster (<c>RateLimits:SignInFailures</c>).
/// Only failures count, so any number of students behind one campus address sign in freely,
/// while credential stuffing — many accounts tried from one address — is slowed to 429 quickly.
/// Each account's own failures lock it separately (<c>Auth:Lockout</c>).
/// </summary>
public sealed class SignInFailureBudget(ActorBudgets budgets, IOptions<RateLimitOptions> options)
{
    private readonly Grains.Abstractions.RateLimits.RateLimitSpec _spec = options.Value.SignInFailures.ToSpec();

    /// <returns>null while the address may still try; otherwise how long it must wait.</returns>
    public Task<TimeSpan?> ExhaustedForAsync(string address) => budgets.ExhaustedForAsync(ActorBudgets.SignInFailures, "ip:" + address, _spec);

    public Task CountAsync(string address) => budgets.TryTakeAsync(ActorBudgets.SignInFailures, "ip:" + address, _spec);
}

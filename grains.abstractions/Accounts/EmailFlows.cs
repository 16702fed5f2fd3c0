namespace ChitLaq.Grains.Abstractions.Accounts;

[GenerateSerializer, Alias("chitlaq.accounts.verify-outcome")]
public enum VerifyEmailOutcome
{
    Verified = 0,
    InvalidToken = 1,
}

[GenerateSerializer, Alias("chitlaq.accounts.resend-outcome")]
public enum ResendOutcome
{
    Sent = 0,
    AlreadyVerified = 1,
    Throttled = 2,
    NotFound = 3,
}

[GenerateSerializer, Immutable, Alias("chitlaq.accounts.resend-result")]
public sealed record ResendResult([property: Id(0)] ResendOutcome Outcome, [property: Id(1)] TimeSpan? RetryAfter = null);

[GenerateSerializer, Alias("chitlaq.accounts.reset-outcome")]
public enum PasswordResetOutcome
{
    Reset = 0,
    InvalidToken = 1,
    Invalid = 2,
}

[GenerateSerializer, Immutable, Alias("chitlaq.accounts.reset-result")]
public sealed record PasswordResetResult(
    [property: Id(0)] PasswordResetOutcome Outcome,
    [property: Id(1)] IReadOnlyDictionary<string, string[]>? Errors = null);

[GenerateSerializer, Alias("chitlaq.accounts.role-change-outcome")]
public enum RoleChangeOutcome
{
    Changed = 0,
    Unchanged = 1,
    UnknownRole = 2,
    NotFound = 3,
}

namespace ChitLaq.Grains.Abstractions.Accounts;

[GenerateSerializer, Immutable, Alias("chitlaq.accounts.registration")]
public sealed record RegistrationRequest(
    [property: Id(0)] string Email,
    [property: Id(1)] string Password,
    [property: Id(2)] string Handle,
    [property: Id(3)] string DisplayName,
    [property: Id(4)] ClientInfo Client);

[GenerateSerializer, Alias("chitlaq.accounts.registration-outcome")]
public enum RegistrationOutcome
{
    Registered = 0,
    Invalid = 1,
    EmailDomainNotAllowed = 2,
    EmailTaken = 3,
    HandleTaken = 4,
}

[GenerateSerializer, Immutable, Alias("chitlaq.accounts.registration-result")]
public sealed record RegistrationResult(
    [property: Id(0)] RegistrationOutcome Outcome,
    [property: Id(1)] SignedIn? Session = null,
    [property: Id(2)] IReadOnlyDictionary<string, string[]>? Errors = null);

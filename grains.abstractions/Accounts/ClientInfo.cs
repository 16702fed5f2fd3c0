namespace ChitLaq.Grains.Abstractions.Accounts;

/// <summary>Who is on the other end of a request, for the audit trail and the session list.</summary>
[GenerateSerializer, Immutable, Alias("chitlaq.accounts.client")]
public sealed record ClientInfo([property: Id(0)] string? Ip, [property: Id(1)] string? UserAgent)
{
    public static readonly ClientInfo Unknown = new(null, null);
}

namespace ChitLaq.Grains.Registries;

/// <summary>Persisted state of one unique key (a handle, an email address): who holds it, since when.</summary>
[GenerateSerializer, Alias("chitlaq.registries.claim-state")]
public sealed class RegistryClaimState
{
    [Id(0)] public string? OwnerUserId { get; set; }
    [Id(1)] public DateTimeOffset? ClaimedAt { get; set; }
}

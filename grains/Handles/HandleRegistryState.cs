namespace ChitLaq.Grains.Handles;

/// <summary>Persisted state of one handle: who holds it and since when.</summary>
[GenerateSerializer, Alias("chitlaq.handles.registry-state")]
public sealed class HandleRegistryState
{
    [Id(0)] public string? OwnerUserId { get; set; }
    [Id(1)] public DateTimeOffset? ClaimedAt { get; set; }
}

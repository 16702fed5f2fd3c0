namespace ChitLaq.Grains.Chat;

/// <summary>What survives of presence when nobody is connected: when the user was last seen.</summary>
[GenerateSerializer, Alias("chitlaq.chat.presence-state")]
public sealed class PresenceState
{
    [Id(0)] public DateTimeOffset? LastSeenAt { get; set; }
}

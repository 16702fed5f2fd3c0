namespace ChitLaq.Grains.Abstractions.Handles;

/// <summary>
/// The single owner of one normalised handle (grain key = <see cref="HandleFormat.Normalize"/>d handle).
/// Uniqueness of handles comes from this grain being the only writer of its key,
/// not from a check-then-insert race between requests.
/// </summary>
[Alias("chitlaq.handles.registry")]
public interface IHandleRegistryGrain : IGrainWithStringKey
{
    /// <summary>Whether the handle can be taken by a new account.</summary>
    [Alias("availability")]
    Task<HandleAvailability> GetAvailability();

    /// <summary>Claims the handle for <paramref name="userId"/>; claiming it again for the same user is a no-op.</summary>
    [Alias("claim")]
    Task<HandleClaimResult> Claim(string userId);

    /// <summary>Frees the handle when (and only when) <paramref name="userId"/> holds it.</summary>
    [Alias("release")]
    Task Release(string userId);

    /// <summary>The id of the user who holds the handle, or null.</summary>
    [Alias("owner")]
    Task<string?> GetOwner();
}

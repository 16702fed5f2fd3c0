using ChitLaq.Grains.Abstractions.Handles;

namespace ChitLaq.Api.Users;

public static class UserLookup
{
    /// <summary>The id of the user with this handle (any case), or null.</summary>
    public static async Task<string?> IdOf(this IGrainFactory grains, string handle)
    {
        var normalized = HandleFormat.Normalize(handle);
        return HandleFormat.IsValid(normalized) ? await grains.GetGrain<IHandleRegistryGrain>(normalized).GetOwner() : null;
    }
}

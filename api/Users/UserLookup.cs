using ChitLaq.Grains.Abstractions.Accounts;
using ChitLaq.Grains.Abstractions.Handles;

namespace ChitLaq.Api.Users;

public static class UserLookup
{
    /// <summary>The id of the user with this handle (any case), or null. An erased account keeps its handle: this finds it too.</summary>
    public static async Task<string?> IdOf(this IGrainFactory grains, string handle)
    {
        var normalized = HandleFormat.Normalize(handle);
        return HandleFormat.IsValid(normalized) ? await grains.GetGrain<IHandleRegistryGrain>(normalized).GetOwner() : null;
    }

    /// <summary>The id of the existing account with this handle, or null (e.g. for an erased one): whom one can start a chat with.</summary>
    public static async Task<string?> AccountOf(this IGrainFactory grains, string handle) =>
        await grains.IdOf(handle) is { } id && await grains.GetGrain<IUserGrain>(id).IsRegistered() ? id : null;
}

using ChitLaq.Grains.Abstractions.Chat;
using Orleans.Concurrency;

namespace ChitLaq.Grains.Chat;

[StatelessWorker]
[GrainType("presence-query")]
public sealed class PresenceQueryGrain(PresenceStore store) : Grain, IPresenceQueryGrain
{
    public async Task<IReadOnlyList<PresenceView>> Visible(string viewerId, IReadOnlyList<string> userIds)
    {
        var visible = await store.VisibleToAsync(viewerId, userIds.Distinct().ToArray());
        return await Task.WhenAll(visible.Select(id => GrainFactory.GetGrain<IUserPresenceGrain>(id).GetPresence()));
    }
}

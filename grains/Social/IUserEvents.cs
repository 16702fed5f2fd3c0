using ChitLaq.Grains.Abstractions.Social;

namespace ChitLaq.Grains.Social;

/// <summary>
/// Hands events for a user to the realtime layer (implemented by the host around SignalR).
/// Grains never see SignalR types; delivery is best effort — the data is already in the tables.
/// </summary>
public interface IUserEvents
{
    Task NotificationAsync(string userId, NotificationView notification);
    Task FeedAsync(string userId, string postId);
}

namespace ChitLaq.Api.Realtime;

/// <summary>Tells the cluster that a user's device connected to or left this node (implemented by the host).</summary>
public interface IConnectionTracker
{
    Task ConnectedAsync(string userId);
    Task DisconnectedAsync(string userId);
}

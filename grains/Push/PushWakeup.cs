namespace ChitLaq.Grains.Push;

/// <summary>Wakes this node's sender when a push was queued here, so it goes out now rather than at the next poll.</summary>
public sealed class PushWakeup : WakeupSignal;

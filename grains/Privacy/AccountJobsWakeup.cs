namespace ChitLaq.Grains.Privacy;

/// <summary>Wakes this node's export builder and eraser when an export or a deletion was queued here.</summary>
public sealed class AccountJobsWakeup : WakeupSignal;

namespace ChitLaq.Grains.Abstractions.Handles;

[GenerateSerializer, Alias("chitlaq.handles.availability")]
public enum HandleAvailability
{
    Available = 0,
    Taken = 1,
    Reserved = 2,
}

[GenerateSerializer, Alias("chitlaq.handles.claim-result")]
public enum HandleClaimResult
{
    Claimed = 0,
    Taken = 1,
    Reserved = 2,
}

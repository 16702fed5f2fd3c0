using ChitLaq.Grains.Abstractions.Accounts;
using ChitLaq.Grains.Abstractions.Media;

namespace ChitLaq.Grains.Accounts;

public sealed partial class UserGrain
{
    /// <summary>
    /// The public profile; while a suspension or ban lasts, or a deletion waits out its grace
    /// period, it is marked hidden (readers show nothing of it). An erased account answers with
    /// the "Deleted account" stand-in, which only the messages it sent still show.
    /// </summary>
    public async Task<UserProfile?> GetProfile() =>
        Account.IsRegistered ? await ProfileAsync() with { Hidden = IsHidden }
        : Account.ErasedAt is not null ? UserProfile.DeletedAccount(UserId) : null;

    private bool IsHidden => CurrentStanding.IsRestrictedAt(Now) || Account.DeletionPending;

    public async Task<MeView?> GetMe() => Account.IsRegistered ? await MeAsync() : null;

    public async Task<ProfileUpdateResult> UpdateProfile(ProfileChanges changes)
    {
        if (!Account.IsRegistered)
            return new ProfileUpdateResult(null, new Dictionary<string, string[]> { ["user"] = ["No such account."] });

        var errors = new FieldErrors();
        var displayName = changes.DisplayName is null ? Account.DisplayName : ProfileRules.CheckDisplayName(changes.DisplayName, errors);
        var bio = changes.Bio is null ? Account.Bio : ProfileRules.CheckOptionalText("bio", changes.Bio, ProfileRules.MaxBio, errors);
        var major = changes.Major is null ? Account.Major : ProfileRules.CheckOptionalText("major", changes.Major, ProfileRules.MaxMajor, errors);
        if (changes.GraduationYear is { } year) ProfileRules.CheckGraduationYear(year, Now.Year, errors);
        if (changes.DefaultAudience is { } audience && !Abstractions.Posts.Audiences.IsKnown(audience))
            errors.Add("defaultAudience", "Choose public, campus or followers.");
        var previousAvatar = Account.AvatarMediaId;
        var (avatarChanges, newAvatar) = await ClaimAvatar(changes.AvatarMediaId, errors);
        if (errors.Any)
        {
            if (newAvatar is not null) await Media(newAvatar.Id).Release(MediaTargets.Avatar(UserId));
            return new ProfileUpdateResult(null, errors.ToDictionary());
        }

        if (avatarChanges)
        {
            Account.AvatarMediaId = newAvatar?.Id;
            Account.AvatarUrl = newAvatar?.FeedUrl;
        }
        Account.DisplayName = displayName!;
        Account.Bio = bio;
        Account.Major = major;
        Account.GraduationYear = changes.GraduationYear ?? Account.GraduationYear;
        Account.DefaultAudience = changes.DefaultAudience ?? Account.DefaultAudience;
        var unlocked = Account.Locked && changes.Locked == false;
        Account.Locked = changes.Locked ?? Account.Locked;
        await SaveProfileAsync();
        // Unlocking lets everyone in who was waiting (API.md "Privacy and account control").
        if (unlocked) await GrainFactory.GetGrain<Abstractions.Social.IUserGraphGrain>(UserId).ApproveAllFollowRequests();
        // The replaced image is released only once the new one is saved; the clean-up removes it.
        if (avatarChanges && previousAvatar is not null && previousAvatar != Account.AvatarMediaId)
            await Media(previousAvatar).Release(MediaTargets.Avatar(UserId));
        return new ProfileUpdateResult(await MeAsync(), null);
    }

    /// <summary>
    /// <c>avatarMediaId</c>: null leaves the avatar alone, "" removes it, an id attaches that
    /// upload of the user's (the current one again changes nothing).
    /// </summary>
    private async Task<(bool Changes, MediaInfo? Avatar)> ClaimAvatar(string? mediaId, FieldErrors errors)
    {
        if (mediaId is null || mediaId == Account.AvatarMediaId) return (false, null);
        if (mediaId.Length == 0) return (true, null);
        var result = string.IsNullOrWhiteSpace(mediaId) || mediaId.Length > 64 // no media id is blank (nor can a grain key be)
            ? new MediaAttachResult(MediaAttachOutcome.NotFound)
            : await Media(mediaId).Attach(UserId, MediaTargets.Avatar(UserId));
        if (result.Outcome == MediaAttachOutcome.Done) return (true, result.Media);
        errors.Add("avatarMediaId", "No uploaded image of yours with this id is free to use.");
        return (false, null);
    }

    private IMediaGrain Media(string mediaId) => GrainFactory.GetGrain<IMediaGrain>(mediaId);
}

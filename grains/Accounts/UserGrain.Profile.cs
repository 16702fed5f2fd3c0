using ChitLaq.Grains.Abstractions.Accounts;

namespace ChitLaq.Grains.Accounts;

public sealed partial class UserGrain
{
    public async Task<UserProfile?> GetProfile() => Account.IsRegistered ? await ProfileAsync() : null;

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
        if (changes.AvatarMediaId is not null)
            errors.Add("avatarMediaId", "No uploaded image of yours has this id.");
        if (errors.Any) return new ProfileUpdateResult(null, errors.ToDictionary());

        Account.DisplayName = displayName!;
        Account.Bio = bio;
        Account.Major = major;
        Account.GraduationYear = changes.GraduationYear ?? Account.GraduationYear;
        await SaveProfileAsync();
        return new ProfileUpdateResult(await MeAsync(), null);
    }
}

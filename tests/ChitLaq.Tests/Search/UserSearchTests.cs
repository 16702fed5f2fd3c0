using System.Net;
using System.Net.Http.Json;
using ChitLaq.Tests.Infrastructure;

namespace ChitLaq.Tests.Search;

public sealed class UserSearchTests(PostgresAppFixture fixture) : IClassFixture<PostgresAppFixture>
{
    [Fact]
    public async Task UsersAreFoundByHandleNameAndMajorAndProfileChangesShowWithinTwoSeconds()
    {
        var stem = "zq" + Guid.NewGuid().ToString("N")[..6];
        using var ada = await Student.CreateAsync(fixture.App, handle: stem + "_ada");
        using var viewer = await Student.CreateAsync(fixture.App);
        var name = "Renée" + Guid.NewGuid().ToString("N")[..6];
        Assert.Equal(HttpStatusCode.OK, (await ada.Http.PatchAsJsonAsync("/api/v1/users/me", new { displayName = $"{name} Okafor", major = "Marine Biology" })).StatusCode);

        await Eventually.Satisfies(() => viewer.Http.SearchUsersAsync(name.Replace("é", "e")), r => r.Items.Any(u => u.Id == ada.Id), "the new name is found, accents folded", Searching.Freshness);
        Assert.Equal(ada.Id, (await viewer.Http.SearchUsersAsync(stem + "_ada")).Items.First().Id);
        Assert.Contains(ada.Id, (await viewer.Http.SearchUsersAsync($"{name} marine biology")).Items.Select(u => u.Id));
        Assert.Empty((await viewer.Http.SearchUsersAsync($"{name} chemistry")).Items);
    }

    [Fact]
    public async Task SuggestionsCompletePrefixesWithAtMostFiveUsersAndFiveHashtags()
    {
        var stem = "yk" + Guid.NewGuid().ToString("N")[..6];
        var students = new List<Student>();
        for (var i = 0; i < 7; i++) students.Add(await Student.CreateAsync(fixture.App, handle: $"{stem}{i}"));
        var author = students[0];
        for (var i = 0; i < 7; i++) await author.PostAsync($"tagging #{stem}tag{i}" + (i == 3 ? $" again #{stem}tag3 and #{stem}tag3" : ""));
        await author.PostAsync($"more on #{stem}tag3");

        // Every tag indexed first (the suggestions below show only the top five of seven).
        await Eventually.Satisfies(() => author.Http.SearchHashtagsAsync("#" + stem), tags => tags.Items.Count == 7, "all seven tags are indexed", Searching.Freshness);
        var suggestions = await Eventually.Satisfies(() => author.Http.SuggestAsync(stem[..5]),
            s => s.Users.Count == 5 && s.Hashtags.Count == 5 && s.Hashtags.Sum(h => h.PostCount) == 6, "prefix suggestions fill up and count every post", Searching.Freshness);
        Assert.All(suggestions.Users, u => Assert.StartsWith(stem, u.Handle));
        Assert.Equal($"{stem}tag3", suggestions.Hashtags[0].Tag); // the most used first
        Assert.Equal(2, suggestions.Hashtags[0].PostCount);

        Assert.Empty((await author.Http.SuggestAsync("@" + stem)).Hashtags);
        var tagsOnly = await author.Http.SuggestAsync("#" + stem);
        Assert.Empty(tagsOnly.Users);
        Assert.Equal(5, tagsOnly.Hashtags.Count);
        Assert.Equal(7, (await author.Http.SearchHashtagsAsync("#" + stem)).Items.Count);

        foreach (var student in students) student.Dispose();
    }
}

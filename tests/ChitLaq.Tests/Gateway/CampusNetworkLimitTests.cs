using System.Net;
using System.Net.Http.Json;
using ChitLaq.Api.Auth;
using ChitLaq.Tests.Infrastructure;

namespace ChitLaq.Tests.Gateway;

/// <summary>
/// A whole campus reaches ChitLaq from one address (its NAT). With the limits as shipped, the
/// legitimate traffic of many students from the test client's single address is never refused.
/// </summary>
[Collection(CpuHeavyCollection.Name)]
public sealed class CampusNetworkLimitTests(CampusNetworkLimitTests.Fixture fixture) : IClassFixture<CampusNetworkLimitTests.Fixture>
{
    public sealed class Fixture : PostgresAppFixture
    {
        protected override ChitLaqAppFactory Configure(ChitLaqAppFactory app) => app.WithShippedRateLimits();
    }

    [Fact]
    public async Task SixtyStudentsSignUpVerifyAndSignInFromOneAddressTenAtATimeWithoutA429()
    {
        var statuses = await SignUpLectureHallAsync(60);

        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, statuses);
        Assert.All(statuses, status => Assert.True((int)status < 300, $"answered {(int)status}"));
    }

    [Fact]
    public async Task FiveHundredSessionsRefreshingAtTheSameMomentFromOneAddressAllSucceed()
    {
        // 50 students with 10 devices each: 500 sessions behind one address.
        var refreshTokens = new List<string>();
        await Parallel.ForEachAsync(Enumerable.Range(0, 50), new ParallelOptions { MaxDegreeOfParallelism = 10 }, async (_, _) =>
        {
            var student = await fixture.Http.RegisterAsync();
            var tokens = new List<string> { student.RefreshToken };
            for (var device = 1; device < 10; device++)
            {
                var login = await fixture.Http.LoginAsync(student.User.Email);
                Assert.Equal(HttpStatusCode.OK, login.StatusCode);
                tokens.Add((await login.Content.ReadFromJsonAsync<AuthResponse>())!.RefreshToken);
            }
            lock (refreshTokens) refreshTokens.AddRange(tokens);
        });
        Assert.Equal(500, refreshTokens.Count);

        using var start = new ManualResetEventSlim();
        var refreshes = refreshTokens.Select(token => Task.Run(async () =>
        {
            start.Wait();
            return (await fixture.Http.RefreshAsync(token)).StatusCode;
        })).ToList();
        start.Set();
        var statuses = await Task.WhenAll(refreshes);

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
    }

    [Fact]
    public async Task OneSessionRefreshingInALoopIsStoppedWithoutTouchingOthers()
    {
        var looping = await fixture.Http.RegisterAsync();
        var calm = await fixture.Http.RegisterAsync();
        var token = looping.RefreshToken;
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 40 && refused is null; i++)
        {
            var response = await fixture.Http.RefreshAsync(token);
            if (response.StatusCode == HttpStatusCode.TooManyRequests) refused = response;
            else token = (await response.Content.ReadFromJsonAsync<AuthResponse>())!.RefreshToken;
        }

        Assert.NotNull(refused);
        await refused.AssertProblemAsync(HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.InRange(int.Parse(refused.Headers.GetValues("Retry-After").Single()), 1, 300);
        Assert.Equal(HttpStatusCode.OK, (await fixture.Http.RefreshAsync(calm.RefreshToken)).StatusCode);
    }

    private async Task<IReadOnlyList<HttpStatusCode>> SignUpLectureHallAsync(int students)
    {
        var statuses = new List<HttpStatusCode>();
        await Parallel.ForEachAsync(Enumerable.Range(0, students), new ParallelOptions { MaxDegreeOfParallelism = 10 }, async (_, _) =>
        {
            var handle = Infrastructure.Accounts.NewHandle("fresher");
            var email = Infrastructure.Accounts.EmailOf(handle);
            var mine = new List<HttpStatusCode>();
            var registered = await fixture.Http.PostAsJsonAsync("/api/v1/auth/register",
                new { email, password = Infrastructure.Accounts.Password, handle, displayName = "Fresher " + handle });
            mine.Add(registered.StatusCode);
            if (registered.IsSuccessStatusCode)
            {
                var token = await fixture.App.MailTokenAsync(email, "Verify");
                mine.Add((await fixture.Http.PostAsJsonAsync("/api/v1/auth/verify-email", new { token })).StatusCode);
                mine.Add((await fixture.Http.LoginAsync(email)).StatusCode);
            }
            lock (statuses) statuses.AddRange(mine);
        });
        return statuses;
    }
}

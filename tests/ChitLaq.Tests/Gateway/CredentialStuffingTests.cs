using System.Net;
using System.Net.Http.Json;
using ChitLaq.Tests.Infrastructure;

namespace ChitLaq.Tests.Gateway;

/// <summary>
/// Failed sign-ins are what per-address limits count: many accounts tried from one address are
/// slowed to 429 quickly, while each account's own lockout keeps working. Shipped limits.
/// </summary>
public sealed class CredentialStuffingTests
{
    public sealed class Fixture : PostgresAppFixture
    {
        protected override ChitLaqAppFactory Configure(ChitLaqAppFactory app) => app.WithShippedRateLimits();
    }

    [Collection(CpuHeavyCollection.Name)]
    public sealed class FromOneAddress(Fixture fixture) : IClassFixture<Fixture>
    {
        [Fact]
        public async Task ThreeHundredFailedSignInsAgainstDifferentAccountsAreStoppedWith429BeforeTheEnd()
        {
            var statuses = new List<(int Attempt, HttpResponseMessage Response)>();
            await Parallel.ForEachAsync(Enumerable.Range(0, 300), new ParallelOptions { MaxDegreeOfParallelism = 10 }, async (attempt, _) =>
            {
                var response = await fixture.Http.LoginAsync(Infrastructure.Accounts.EmailOf(Infrastructure.Accounts.NewHandle("nobody")), "Wrong-Password-123");
                lock (statuses) statuses.Add((attempt, response));
            });

            var refused = statuses.Where(s => s.Response.StatusCode == HttpStatusCode.TooManyRequests).ToList();
            Assert.NotEmpty(refused);
            Assert.All(statuses, s => Assert.Contains(s.Response.StatusCode, new[] { HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests }));
            Assert.True(statuses.Count(s => s.Response.StatusCode == HttpStatusCode.Unauthorized) < 200,
                "most of the 300 guesses never reach a password check");
            await refused[0].Response.AssertProblemAsync(HttpStatusCode.TooManyRequests, "rate_limited");
            Assert.InRange(int.Parse(refused[0].Response.Headers.GetValues("Retry-After").Single()), 1, 900);
        }
    }

    public sealed class OneAccount(Fixture fixture) : IClassFixture<Fixture>
    {
        [Fact]
        public async Task RepeatedWrongPasswordsStillLockTheAccount()
        {
            var student = await fixture.Http.RegisterAsync();
            var statuses = new List<HttpStatusCode>();
            for (var i = 0; i < 12; i++)
                statuses.Add((await fixture.Http.LoginAsync(student.User.Email, "Not-The-Password-9")).StatusCode);

            Assert.Equal(HttpStatusCode.Locked, statuses[^1]);
            var locked = await fixture.Http.LoginAsync(student.User.Email);
            await locked.AssertProblemAsync(HttpStatusCode.Locked, "account_locked");

            // Someone else behind the same address signs in as usual.
            var other = await fixture.Http.RegisterAsync();
            Assert.Equal(HttpStatusCode.OK, (await fixture.Http.LoginAsync(other.User.Email)).StatusCode);
        }
    }
}

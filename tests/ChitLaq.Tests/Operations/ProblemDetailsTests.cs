using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ChitLaq.Api;
using ChitLaq.Grains.Abstractions.Errors;
using ChitLaq.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ChitLaq.Tests.Operations;

/// <summary>Every error the API answers is problem+json with a stable code and no internals.</summary>
public sealed class ProblemDetailsTests(ProblemDetailsTests.Fixture fixture) : IClassFixture<ProblemDetailsTests.Fixture>
{
    public sealed class Fixture : PostgresAppFixture
    {
        protected override ChitLaqAppFactory Configure(ChitLaqAppFactory app) => app.WithModule(new ProbeEndpoints());
    }

    /// <summary>Endpoints that exercise the error pipeline the way real feature endpoints do.</summary>
    private sealed class ProbeEndpoints : IApiModule
    {
        public void Map(RouteGroupBuilder api)
        {
            api.MapPost("/probe/echo", (EchoRequest body) => TypedResults.Ok(body));
            api.MapGet("/probe/crash", IResult () => throw new InvalidOperationException("connection to db-secret-host:5432 failed"));
            api.MapGet("/probe/database", IResult (string sqlState) =>
                throw new Npgsql.PostgresException("refused by db-secret-host", "ERROR", "ERROR", sqlState));
            api.MapGet("/probe/grain-database-unavailable", IResult () => throw new DatabaseUnavailableException("57P03"));
            api.MapGet("/probe/database-unreachable", IResult () =>
                throw new Npgsql.NpgsqlException("Failed to connect to db-secret-host", new System.Net.Sockets.SocketException(111)));
        }
    }

    public sealed record EchoRequest(string Text, int Count);

    [Fact]
    public async Task UnknownRouteIsNotFoundProblem()
    {
        var response = await fixture.Http.GetAsync("/api/v1/no/such/route");
        await AssertProblem(response, HttpStatusCode.NotFound, "not_found");
    }

    [Theory]
    [InlineData("POST", "/api/v1/no/such/route")]
    [InlineData("DELETE", "/api/v1/no/such/route")]
    [InlineData("PUT", "/api/v1/nothing")]
    [InlineData("PATCH", "/api/v1/posts/some-id/no-such-action")]
    public async Task AnyMethodOnAnUnknownApiRouteIsNotFoundProblem(string method, string path)
    {
        var response = await fixture.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        await AssertProblem(response, HttpStatusCode.NotFound, "not_found");
    }

    [Theory]
    [InlineData("/api/v1/posts/%20")]
    [InlineData("/api/v1/posts/%0D%0A/replies")]
    [InlineData("/api/v1/users/%09/followers")]
    public async Task ABlankPathSegmentNamesNothingAndIsNotFound(string path)
    {
        var response = await fixture.Http.GetAsync(path);
        await AssertProblem(response, HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task ErrorsAreProblemJsonEvenForClientsThatAcceptOnlyXml()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/probe/echo") { Content = new StringContent("{", Encoding.UTF8, "application/json") };
        request.Headers.Accept.ParseAdd("application/xml");
        var response = await fixture.Http.SendAsync(request);
        await AssertProblem(response, HttpStatusCode.BadRequest, "malformed_request");
    }

    [Fact]
    public async Task WrongMethodIsMethodNotAllowedProblem()
    {
        var response = await fixture.Http.DeleteAsync("/api/v1/handles/alice/availability");
        await AssertProblem(response, HttpStatusCode.MethodNotAllowed, "method_not_allowed");
    }

    [Theory]
    [InlineData("{\"text\": \"hi\", \"count\": ")]
    [InlineData("not json at all")]
    [InlineData("{\"text\": \"hi\", \"count\": \"many\"}")]
    public async Task MalformedJsonIsMalformedRequestProblem(string body)
    {
        var response = await fixture.Http.PostAsync("/api/v1/probe/echo", new StringContent(body, Encoding.UTF8, "application/json"));
        await AssertProblem(response, HttpStatusCode.BadRequest, "malformed_request");
    }

    [Fact]
    public async Task UnknownJsonFieldsAreIgnored()
    {
        var response = await fixture.Http.PostAsJsonAsync("/api/v1/probe/echo", new { text = "hi", count = 2, extra = true });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new EchoRequest("hi", 2), await response.Content.ReadFromJsonAsync<EchoRequest>());
    }

    [Fact]
    public async Task UnhandledExceptionIsInternalErrorWithoutInternals()
    {
        var response = await fixture.Http.GetAsync("/api/v1/probe/crash");
        var body = await AssertProblem(response, HttpStatusCode.InternalServerError, "internal_error");
        Assert.DoesNotContain("db-secret-host", body);
        Assert.DoesNotContain("InvalidOperationException", body);
        Assert.DoesNotContain(" at ", body);
    }

    [Theory]
    [InlineData("57P01")] // admin shutdown (failover)
    [InlineData("53300")] // too many connections
    [InlineData("40001")] // serialization failure
    [InlineData("08006")] // connection failure
    public async Task TransientDatabaseErrorsAreServiceUnavailableWithRetryAfter(string sqlState)
    {
        var response = await fixture.Http.GetAsync($"/api/v1/probe/database?sqlState={sqlState}");
        var body = await AssertProblem(response, HttpStatusCode.ServiceUnavailable, "service_unavailable");
        Assert.True(response.Headers.Contains("Retry-After"));
        Assert.DoesNotContain("db-secret-host", body);
    }

    [Fact]
    public async Task AnUnreachableDatabaseIsServiceUnavailable()
    {
        var response = await fixture.Http.GetAsync("/api/v1/probe/database-unreachable");
        await AssertProblem(response, HttpStatusCode.ServiceUnavailable, "service_unavailable");
    }

    [Theory]
    [InlineData("22021")] // character not in repertoire (a NUL in text)
    [InlineData("23505")] // unique violation
    [InlineData("42P01")] // undefined table
    public async Task OtherDatabaseErrorsAreBugsAnsweredAsInternalErrorWithoutInternals(string sqlState)
    {
        var response = await fixture.Http.GetAsync($"/api/v1/probe/database?sqlState={sqlState}");
        var body = await AssertProblem(response, HttpStatusCode.InternalServerError, "internal_error");
        Assert.DoesNotContain("db-secret-host", body);
        Assert.DoesNotContain(sqlState, body);
    }

    [Theory]
    [InlineData("57P01", true)]
    [InlineData("53300", true)]
    [InlineData("22021", false)]
    [InlineData("23505", false)]
    public void DatabaseErrorsAreClassifiedBySqlState(string sqlState, bool transient) =>
        Assert.Equal(transient, DatabaseErrors.IsTransient(new Npgsql.PostgresException("refused", "ERROR", "ERROR", sqlState)));

    [Fact]
    public void ATransientDatabaseFailureCrossesSilosAsDatabaseUnavailable()
    {
        // What a grain on another silo sends back (Npgsql's own exceptions have no codec).
        var serializer = fixture.App.Services.GetRequiredService<Orleans.Serialization.Serializer>();
        var received = serializer.Deserialize<Exception>(serializer.SerializeToArray<Exception>(new DatabaseUnavailableException("57P01")));
        Assert.Equal("57P01", Assert.IsType<DatabaseUnavailableException>(received).SqlState);
    }

    [Fact]
    public async Task ATransientDatabaseFailureInAGrainIsServiceUnavailable()
    {
        var response = await fixture.Http.GetAsync("/api/v1/probe/grain-database-unavailable");
        await AssertProblem(response, HttpStatusCode.ServiceUnavailable, "service_unavailable");
    }

    [Fact]
    public async Task InvalidInputIsValidationFailedWithFieldErrors()
    {
        var response = await fixture.Http.GetAsync("/api/v1/handles/no!/availability");
        var body = await AssertProblem(response, HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(JsonDocument.Parse(body).RootElement.GetProperty("errors").TryGetProperty("handle", out _));
    }

    private static async Task<string> AssertProblem(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        Assert.True(problem.TryGetProperty("traceId", out _));
        return body;
    }
}

using System.Security.Claims;
using ChitLaq.Api.Problems;
using ChitLaq.Api.RateLimiting;
using ChitLaq.Api.Users;
using ChitLaq.Grains.Abstractions.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChitLaq.Api.Auth;

/// <summary>/auth: sign-up, email verification, sign-in, token refresh, sign-out, password reset, sessions.</summary>
public static class AuthApi
{
    public static RouteGroupBuilder MapAuth(this RouteGroupBuilder api)
    {
        // Limits key on the actor (see RateLimitOptions): a whole campus shares one address.
        // Sign-in failures are counted per account (lockout) and per address (Login); refresh is
        // limited per session by the user grain; the rest per address, sized for a lecture hall.
        var open = api.MapGroup("/auth").WithTags("Auth");
        open.MapPost("/register", Register).WithSummary("Create an account with a university email.")
            .RequireRateLimiting(RateLimitingSetup.RegistrationPolicy);
        open.MapPost("/login", Login).WithSummary("Sign in with email and password.");
        open.MapPost("/refresh", Refresh).WithSummary("Trade a refresh token for new access and refresh tokens.");
        open.MapPost("/logout", Logout).WithSummary("End the session of a refresh token.");
        open.MapPost("/verify-email", VerifyEmail).WithSummary("Confirm the email address with the emailed token.")
            .RequireRateLimiting(RateLimitingSetup.EmailTokensPolicy);
        open.MapPost("/password/forgot", ForgotPassword).WithSummary("Email a reset link if the account exists (always 202).")
            .RequireRateLimiting(RateLimitingSetup.PasswordResetMailPolicy);
        open.MapPost("/password/reset", ResetPassword).WithSummary("Set a new password with the emailed token; ends every session.")
            .RequireRateLimiting(RateLimitingSetup.EmailTokensPolicy);

        var signedIn = api.MapGroup("/auth").WithTags("Auth").RequireAuthorization();
        signedIn.MapGet("/me", GetMe).WithSummary("The signed-in account.");
        signedIn.MapPost("/resend-verification", ResendVerification).WithSummary("Send a new verification email.");
        signedIn.MapGet("/sessions", ListSessions).WithSummary("The signed-in account's active sessions (devices).");
        signedIn.MapDelete("/sessions/{sessionId:guid}", RevokeSession).WithSummary("End one of your sessions.");
        return api;
    }

    private static IUserGrain User(this IGrainFactory grains, string userId) => grains.GetGrain<IUserGrain>(userId);

    internal static async Task<Results<Created<AuthResponse>, ValidationProblem, ProblemHttpResult>> Register(
        RegisterRequest body, HttpContext http, IGrainFactory grains, AccessTokens tokens)
    {
        var userId = UserIds.New();
        var result = await grains.User(userId).Register(new RegistrationRequest(
            body.Email ?? "", body.Password ?? "", body.Handle ?? "", body.DisplayName ?? "", http.ClientInfo()));
        return result.Outcome switch
        {
            RegistrationOutcome.Registered => TypedResults.Created("/api/v1/auth/me", Respond(result.Session!, tokens)),
            RegistrationOutcome.EmailDomainNotAllowed => ApiProblems.Problem(StatusCodes.Status422UnprocessableEntity,
                ProblemCodes.EmailDomainNotAllowed, "Sign up with your university email address.",
                "This email domain is not on the list of participating universities."),
            RegistrationOutcome.EmailTaken => ApiProblems.Problem(StatusCodes.Status409Conflict, ProblemCodes.EmailTaken,
                "An account with this email already exists.", "Sign in, or reset your password."),
            RegistrationOutcome.HandleTaken => ApiProblems.Problem(StatusCodes.Status409Conflict, ProblemCodes.HandleTaken,
                "This handle is not available.", "Choose another handle."),
            _ => ApiProblems.Validation(ToMutable(result.Errors)),
        };
    }

    internal static async Task<Results<Ok<AuthResponse>, ProblemHttpResult>> Login(
        LoginRequest body, HttpContext http, IGrainFactory grains, AccessTokens tokens, SignInFailureBudget failures)
    {
        var address = RateLimitingSetup.ClientAddress(http);
        if (await failures.ExhaustedForAsync(address) is { } wait)
            return TooManyRequests(http, wait, "Too many failed sign-ins from this network.");
        var result = await grains.GetGrain<IAuthenticationGrain>(0).SignIn(body.Email ?? "", body.Password ?? "", http.ClientInfo());
        if (result.Outcome != SignInOutcome.SignedIn) await failures.CountAsync(address);
        switch (result.Outcome)
        {
            case SignInOutcome.SignedIn:
                return TypedResults.Ok(Respond(result.Session!, tokens));
            case SignInOutcome.LockedOut:
                http.Response.Headers.RetryAfter = RateLimitingSetup.RetryAfterSeconds(result.RetryAfter ?? TimeSpan.FromMinutes(15));
                return ApiProblems.Problem(StatusCodes.Status423Locked, ProblemCodes.AccountLocked,
                    "Too many failed sign-ins: this account is locked for a while.", "Try again later, or reset your password.");
            default:
                return InvalidCredentials();
        }
    }

    internal static async Task<Results<Ok<AuthResponse>, ProblemHttpResult>> Refresh(
        RefreshRequest body, HttpContext http, IGrainFactory grains, AccessTokens tokens)
    {
        if (!AccountTokens.TryParse(body.RefreshToken, out var userId, out var secret)) return InvalidToken("refresh");
        var result = await grains.User(userId).Refresh(secret, http.ClientInfo());
        return result.Outcome switch
        {
            RefreshOutcome.Refreshed => TypedResults.Ok(Respond(result.Session!, tokens)),
            RefreshOutcome.Throttled => TooManyRequests(http, result.RetryAfter ?? TimeSpan.FromMinutes(1), "This session is refreshing too often."),
            _ => InvalidToken("refresh"),
        };
    }

    internal static async Task<NoContent> Logout(RefreshRequest body, HttpContext http, IGrainFactory grains)
    {
        // Always 204: signing out twice, or with a stale token, leaves the client signed out either way.
        if (AccountTokens.TryParse(body.RefreshToken, out var userId, out var secret))
            await grains.User(userId).SignOut(secret, http.ClientInfo());
        return TypedResults.NoContent();
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> VerifyEmail(TokenRequest body, HttpContext http, IGrainFactory grains)
    {
        if (!AccountTokens.TryParse(body.Token, out var userId, out var secret)) return InvalidToken("verification");
        var outcome = await grains.User(userId).VerifyEmail(secret, http.ClientInfo());
        return outcome == VerifyEmailOutcome.Verified ? TypedResults.NoContent() : InvalidToken("verification");
    }

    internal static Accepted ForgotPassword(ForgotPasswordRequest body, HttpContext http, IGrainFactory grains)
    {
        // One-way call: the answer is sent before anything is looked up, so it reveals nothing.
        if (!string.IsNullOrWhiteSpace(body.Email))
            _ = grains.GetGrain<IAuthenticationGrain>(0).RequestPasswordReset(body.Email, http.ClientInfo());
        return TypedResults.Accepted((string?)null);
    }

    internal static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> ResetPassword(
        ResetPasswordRequest body, HttpContext http, IGrainFactory grains)
    {
        if (!AccountTokens.TryParse(body.Token, out var userId, out var secret)) return InvalidToken("reset");
        var result = await grains.User(userId).ResetPassword(secret, body.NewPassword ?? "", http.ClientInfo());
        return result.Outcome switch
        {
            PasswordResetOutcome.Reset => TypedResults.NoContent(),
            PasswordResetOutcome.Invalid => ApiProblems.Validation(ToMutable(result.Errors)),
            _ => InvalidToken("reset"),
        };
    }

    internal static async Task<Results<Ok<MeDto>, ProblemHttpResult>> GetMe(ClaimsPrincipal user, IGrainFactory grains)
    {
        var me = await grains.User(user.UserId()!).GetMe();
        return me is null ? AccountGone() : TypedResults.Ok(MeDto.From(me));
    }

    internal static async Task<Results<Accepted, ProblemHttpResult>> ResendVerification(ClaimsPrincipal user, HttpContext http, IGrainFactory grains)
    {
        var result = await grains.User(user.UserId()!).ResendVerification(http.ClientInfo());
        switch (result.Outcome)
        {
            case ResendOutcome.Sent:
                return TypedResults.Accepted((string?)null);
            case ResendOutcome.AlreadyVerified:
                return ApiProblems.Problem(StatusCodes.Status409Conflict, ProblemCodes.AlreadyVerified, "This email is already verified.");
            case ResendOutcome.Throttled:
                http.Response.Headers.RetryAfter = RateLimitingSetup.RetryAfterSeconds(result.RetryAfter ?? TimeSpan.FromMinutes(1));
                return ApiProblems.Problem(StatusCodes.Status429TooManyRequests, ProblemCodes.RateLimited,
                    "A verification email was sent moments ago.", "Check your inbox, or wait before asking again.");
            default:
                return AccountGone();
        }
    }

    internal static async Task<Ok<ItemsResponse<SessionDto>>> ListSessions(ClaimsPrincipal user, IGrainFactory grains)
    {
        var current = user.FindFirst(ChitLaqClaims.SessionId)?.Value;
        var sessions = await grains.User(user.UserId()!).ListSessions();
        return TypedResults.Ok(new ItemsResponse<SessionDto>(
            sessions.Select(s => new SessionDto(s.Id, s.CreatedAt, s.LastUsedAt, s.ExpiresAt, s.UserAgent, s.Ip, s.Id.ToString() == current)).ToArray(),
            null));
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> RevokeSession(Guid sessionId, ClaimsPrincipal user, HttpContext http, IGrainFactory grains) =>
        await grains.User(user.UserId()!).RevokeSession(sessionId, http.ClientInfo())
            ? TypedResults.NoContent()
            : ApiProblems.Problem(StatusCodes.Status404NotFound, ProblemCodes.NotFound, "No active session has this id.");

    private static AuthResponse Respond(SignedIn session, AccessTokens tokens)
    {
        var (accessToken, expiresIn) = tokens.Issue(session);
        return new AuthResponse(MeDto.From(session.Me), accessToken, session.RefreshToken, expiresIn) { DeletionCancelled = session.DeletionCancelled };
    }

    private static ProblemHttpResult TooManyRequests(HttpContext http, TimeSpan wait, string title)
    {
        http.Response.Headers.RetryAfter = RateLimitingSetup.RetryAfterSeconds(wait);
        return ApiProblems.Problem(StatusCodes.Status429TooManyRequests, ProblemCodes.RateLimited, title, "Wait before trying again.");
    }

    private static ProblemHttpResult InvalidCredentials() =>
        ApiProblems.Problem(StatusCodes.Status401Unauthorized, ProblemCodes.InvalidCredentials, "Email or password is incorrect.");

    private static ProblemHttpResult InvalidToken(string kind) =>
        ApiProblems.Problem(kind == "refresh" ? StatusCodes.Status401Unauthorized : StatusCodes.Status400BadRequest,
            ProblemCodes.InvalidToken, $"This {kind} token is invalid, expired or already used.");

    private static ProblemHttpResult AccountGone() =>
        ApiProblems.Problem(StatusCodes.Status401Unauthorized, ProblemCodes.Unauthorized, "This account no longer exists.");

    private static Dictionary<string, string[]> ToMutable(IReadOnlyDictionary<string, string[]>? errors) =>
        errors?.ToDictionary(pair => pair.Key, pair => pair.Value) ?? [];
}

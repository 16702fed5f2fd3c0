namespace ChitLaq.Api.Problems;

/// <summary>The stable, machine-readable <c>code</c> values of problem responses (see API.md).</summary>
public static class ProblemCodes
{
    public const string ValidationFailed = "validation_failed";
    public const string MalformedRequest = "malformed_request";
    public const string NotFound = "not_found";
    public const string MethodNotAllowed = "method_not_allowed";
    public const string Unauthorized = "unauthorized";
    public const string Forbidden = "forbidden";
    public const string Conflict = "conflict";
    public const string UnsupportedMediaType = "unsupported_media_type";
    public const string PayloadTooLarge = "payload_too_large";
    public const string RateLimited = "rate_limited";
    public const string ServiceUnavailable = "service_unavailable";
    public const string InternalError = "internal_error";
    public const string BadRequest = "bad_request";
    public const string EmailNotVerified = "email_not_verified";
    public const string InvalidCredentials = "invalid_credentials";
    public const string EmailDomainNotAllowed = "email_domain_not_allowed";
    public const string EmailTaken = "email_taken";
    public const string HandleTaken = "handle_taken";
    public const string AccountLocked = "account_locked";
    public const string InvalidToken = "invalid_token";
    public const string AlreadyVerified = "already_verified";
    public const string InvalidTarget = "invalid_target";
    public const string InvalidImage = "invalid_image";
    public const string ImageTooLarge = "image_too_large";
    public const string TokenRevoked = "token_revoked";
    public const string AccountSuspended = "account_suspended";
    public const string AccountLimited = "account_limited";
    public const string ContentBlocked = "content_blocked";
    public const string TooManyFilters = "too_many_filters";
    /// <summary>Only public posts of unlocked accounts can be reposted.</summary>
    public const string NotRepostable = "not_repostable";
    /// <summary>A data export's download period is over (410).</summary>
    public const string ExportExpired = "export_expired";
    /// <summary>A data export is still being built, or failed (409).</summary>
    public const string ExportNotReady = "export_not_ready";

    /// <summary>The code a response gets when the code that produced it did not choose one.</summary>
    public static string ForStatus(int status) => status switch
    {
        StatusCodes.Status400BadRequest => BadRequest,
        StatusCodes.Status401Unauthorized => Unauthorized,
        StatusCodes.Status403Forbidden => Forbidden,
        StatusCodes.Status404NotFound => NotFound,
        StatusCodes.Status405MethodNotAllowed => MethodNotAllowed,
        StatusCodes.Status409Conflict => Conflict,
        StatusCodes.Status413PayloadTooLarge => PayloadTooLarge,
        StatusCodes.Status415UnsupportedMediaType => UnsupportedMediaType,
        StatusCodes.Status423Locked => AccountLocked,
        StatusCodes.Status429TooManyRequests => RateLimited,
        StatusCodes.Status503ServiceUnavailable => ServiceUnavailable,
        >= 500 => InternalError,
        _ => BadRequest,
    };
}

using ChitLaq.Api.Users;

namespace ChitLaq.Api.Auth;

public sealed record RegisterRequest(string? Email, string? Password, string? Handle, string? DisplayName);
public sealed record LoginRequest(string? Email, string? Password);
public sealed record RefreshRequest(string? RefreshToken);
public sealed record TokenRequest(string? Token);
public sealed record ForgotPasswordRequest(string? Email);
public sealed record ResetPasswordRequest(string? Token, string? NewPassword);

/// <summary>What register, login and refresh answer.</summary>
public sealed record AuthResponse(MeDto User, string AccessToken, string RefreshToken, int ExpiresIn)
{
    /// <summary>This sign-in cancelled the account's scheduled deletion (present only then).</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    public bool DeletionCancelled { get; init; }
}

public sealed record SessionDto(Guid Id, DateTimeOffset CreatedAt, DateTimeOffset LastUsedAt, DateTimeOffset ExpiresAt, string? UserAgent, string? Ip, bool Current);

public sealed record ItemsResponse<T>(IReadOnlyList<T> Items, string? NextCursor);

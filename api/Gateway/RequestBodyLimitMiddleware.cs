using ChitLaq.Api.Problems;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace ChitLaq.Api.Gateway;

/// <summary>
/// Caps request bodies at <see cref="GatewayOptions.MaxRequestBodyBytes"/> unless the endpoint
/// declares its own limit (<c>IRequestSizeLimitMetadata</c>, e.g. uploads). A declared
/// Content-Length over the limit is refused at once with 413 <c>payload_too_large</c> before a
/// byte is read; a chunked body is cut off by the server when it passes the limit (the same 413).
/// </summary>
internal sealed class RequestBodyLimitMiddleware(RequestDelegate next, IOptions<GatewayOptions> options)
{
    public Task InvokeAsync(HttpContext context)
    {
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize
                    ?? options.Value.MaxRequestBodyBytes;

        if (context.Request.ContentLength is { } length && length > limit)
            return TooLarge(context, limit);

        var feature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (feature is { IsReadOnly: false })
            feature.MaxRequestBodySize = limit;
        return next(context);
    }

    private static Task TooLarge(HttpContext context, long limit) =>
        ApiProblems.Problem(StatusCodes.Status413PayloadTooLarge, ProblemCodes.PayloadTooLarge,
            "The request body is too large.", $"This endpoint accepts at most {limit} bytes.").ExecuteAsync(context);
}

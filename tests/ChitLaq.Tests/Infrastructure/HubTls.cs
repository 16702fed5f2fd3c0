using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Http.Connections.Client;

namespace ChitLaq.Tests.Infrastructure;

/// <summary>A hub client behind a TLS proxy (nginx in the tests) trusting exactly its certificate (self-signed) and nothing else.</summary>
public static class HubTls
{
    public static void TrustOnly(this HttpConnectionOptions options, X509Certificate2 trusted)
    {
        options.HttpMessageHandlerFactory = handler =>
        {
            if (handler is HttpClientHandler http) http.ServerCertificateCustomValidationCallback = (_, presented, _, _) => Matches(presented, trusted);
            return handler;
        };
        options.WebSocketConfiguration = socket => socket.RemoteCertificateValidationCallback = (_, presented, _, _) => Matches(presented, trusted);
    }

    private static bool Matches(X509Certificate? presented, X509Certificate2 trusted) =>
        presented is not null && presented.GetCertHashString() == trusted.GetCertHashString();
}

using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;

namespace DitCloud.ServiceDefaults.Security;

public static class CallerTokenForwarding
{
    /// <summary>
    /// Calls this client makes while handling a request carry that request's bearer token, so the
    /// service called verifies the same caller (and its scopes and ownership) itself. Calls made
    /// outside a request (background work, consumers) carry none.
    /// </summary>
    public static IHttpClientBuilder AddCallerTokenForwarding(this IHttpClientBuilder client)
    {
        client.Services.AddHttpContextAccessor();
        return client.AddHttpMessageHandler(services => new ForwardingHandler(services.GetRequiredService<IHttpContextAccessor>()));
    }

    private sealed class ForwardingHandler(IHttpContextAccessor accessor) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var authorization = accessor.HttpContext?.Request.Headers[HeaderNames.Authorization].ToString();
            if (!string.IsNullOrEmpty(authorization) && !request.Headers.Contains(HeaderNames.Authorization))
            {
                request.Headers.TryAddWithoutValidation(HeaderNames.Authorization, authorization);
            }
            return base.SendAsync(request, cancellationToken);
        }
    }
}

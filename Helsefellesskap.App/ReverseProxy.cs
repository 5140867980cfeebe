using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Helsefellesskap.App;

/// <summary>
/// The app runs behind a reverse proxy that ends TLS. The proxy's X-Forwarded-Proto and X-Forwarded-For are believed
/// only from the loopback address and from the proxies and networks configured in <c>ReverseProxy:KnownProxies</c>
/// (addresses) and <c>ReverseProxy:KnownNetworks</c> (CIDR, e.g. 10.0.0.0/8): then the request counts as https, so
/// the sign-in cookie is Secure, HSTS is sent and no redirect sends the browser to http.
/// </summary>
public static class ReverseProxy
{
    public static IServiceCollection AddReverseProxy(this IServiceCollection services, IConfiguration configuration) =>
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var address in configuration.GetSection("ReverseProxy:KnownProxies").Get<string[]>() ?? [])
                options.KnownProxies.Add(IPAddress.Parse(address));
            foreach (var network in configuration.GetSection("ReverseProxy:KnownNetworks").Get<string[]>() ?? [])
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        });
}

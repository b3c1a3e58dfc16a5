namespace GenImageFactory.Infrastructure.Providers;

/// <summary>Host allow-list matching: exact names, or <c>*.domain</c> for any subdomain.</summary>
public static class AllowedHosts
{
    public static bool Allows(IEnumerable<string> patterns, Uri url)
    {
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            return false;
        }
        var host = url.IdnHost.TrimEnd('.');
        return patterns.Any(pattern => pattern.StartsWith("*.", StringComparison.Ordinal)
            ? host.EndsWith(pattern[1..], StringComparison.OrdinalIgnoreCase) && host.Length > pattern.Length - 1
            : string.Equals(host, pattern, StringComparison.OrdinalIgnoreCase));
    }
}

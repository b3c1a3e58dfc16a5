namespace GenImageFactory.Infrastructure.Providers;

/// <summary>
/// Host allow-list matching: exact names, or <c>*.domain</c> for any subdomain, over https only; a pattern
/// written with <c>http://</c> (a local emulator, a test rig) allows plain http for that host.
/// </summary>
public static class AllowedHosts
{
    public static bool Allows(IEnumerable<string> patterns, Uri url)
    {
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            return false;
        }
        var host = url.IdnHost.TrimEnd('.');
        return patterns.Any(pattern =>
        {
            var plainHttp = pattern.StartsWith("http://", StringComparison.OrdinalIgnoreCase);
            if (url.Scheme == Uri.UriSchemeHttp && !plainHttp)
            {
                return false;
            }
            var name = plainHttp ? pattern["http://".Length..].TrimEnd('/') : pattern;
            return name.StartsWith("*.", StringComparison.Ordinal)
                ? host.EndsWith(name[1..], StringComparison.OrdinalIgnoreCase) && host.Length > name.Length - 1
                : string.Equals(host, name, StringComparison.OrdinalIgnoreCase);
        });
    }
}

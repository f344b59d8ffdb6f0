using System.Text.RegularExpressions;

namespace ChargeBridge.Core.Settings;

/// <summary>
/// A web address as it may be shown in a log, an exception or a check: any user name and password in it
/// (<c>https://user:secret@host/</c>) replaced by <c>***</c>. Works on text that is no valid address too, since a
/// mistyped one is exactly what a validation message repeats.
/// </summary>
public static partial class RedactedUrl
{
    public static string Of(string? url) => url is null ? "" : UserInfo().Replace(url, "$1***@");

    public static string Of(Uri url) => Of(url.OriginalString);

    /// <summary>Whether the address carries a user name or password.</summary>
    public static bool HasUserInfo(string? url) => url is not null && UserInfo().IsMatch(url);

    [GeneratedRegex(@"^(\s*[A-Za-z][A-Za-z0-9+.\-]*://)[^/?#]*@")]
    private static partial Regex UserInfo();
}

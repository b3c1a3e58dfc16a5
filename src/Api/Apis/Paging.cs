using System.Globalization;
using GenImageFactory.Domain.Configuration;

namespace GenImageFactory.Api.Apis;

/// <summary>Reads <c>limit</c> (1-100, default 20) the same way for every list.</summary>
public static class Paging
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    public static int ReadLimit(string? limit, ValidationErrors errors)
    {
        if (string.IsNullOrEmpty(limit))
        {
            return DefaultLimit;
        }
        if (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value is < 1 or > MaxLimit)
        {
            errors.Add("limit", $"Must be a whole number from 1 to {MaxLimit}.");
        }
        return value;
    }
}

using System.Globalization;
using GenImageFactory.Api.Contracts;

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

    /// <summary>A simple paged list: <c>limit</c> checked, the page read and mapped, a foreign continuation a 400.</summary>
    public static async Task<Results<Ok<ListResponse<TOut>>, ValidationProblem>> ListAsync<TIn, TOut>(
        string? limit, string? continuation, Func<int, string?, Task<Pipeline.Models.Page<TIn>>> readPage, Func<TIn, TOut> map)
    {
        var errors = new ValidationErrors();
        var pageSize = ReadLimit(limit, errors);
        if (!errors.IsEmpty)
        {
            return ApiProblems.Invalid(errors);
        }
        try
        {
            var page = await readPage(pageSize, continuation);
            return TypedResults.Ok(new ListResponse<TOut>(page.Items.Select(map).ToList(), page.Continuation));
        }
        catch (ArgumentException ex)
        {
            return ApiProblems.Invalid("continuation", ex.Message);
        }
    }
}

namespace GenImageFactory.Domain.Configuration;

/// <summary>Every problem found in one input, keyed by the JSON path of the field (e.g. <c>parameters.count</c>).</summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsEmpty => _errors.Count == 0;

    public void Add(string path, string message)
    {
        if (!_errors.TryGetValue(path, out var messages))
        {
            _errors[path] = messages = [];
        }
        messages.Add(message);
    }

    public bool Contains(string path) => _errors.ContainsKey(path);

    /// <summary>The shape ASP.NET Core's validation problem details expect.</summary>
    public IDictionary<string, string[]> ToDictionary() =>
        _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);

    public override string ToString() =>
        string.Join("; ", _errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"));
}

/// <summary>Either a value or the errors that prevented it.</summary>
public sealed record Validated<T>(T? Value, ValidationErrors Errors) where T : class
{
    public bool IsValid => Value is not null && Errors.IsEmpty;
}

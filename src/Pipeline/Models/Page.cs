namespace GenImageFactory.Pipeline.Models;

/// <summary>One page of a list and the opaque token for the next (null on the last page).</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? Continuation);

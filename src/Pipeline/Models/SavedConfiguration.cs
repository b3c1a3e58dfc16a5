using GenImageFactory.Domain.Configuration;

namespace GenImageFactory.Pipeline.Models;

/// <summary>A configuration saved under a unique name; the ETag guards concurrent edits.</summary>
public sealed record SavedConfiguration(string Id, JobConfiguration Configuration, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, string ETag);

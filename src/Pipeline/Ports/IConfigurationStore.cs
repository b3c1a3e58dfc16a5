using GenImageFactory.Domain.Configuration;
using GenImageFactory.Pipeline.Models;

namespace GenImageFactory.Pipeline.Ports;

/// <summary>Saved configurations with unique names and optimistic concurrency.</summary>
public interface IConfigurationStore
{
    /// <exception cref="ConfigurationConflictException">The name is taken.</exception>
    Task<SavedConfiguration> CreateAsync(string id, JobConfiguration configuration, DateTimeOffset now, CancellationToken cancellationToken);

    Task<SavedConfiguration?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>Configurations in id order.</summary>
    Task<Page<SavedConfiguration>> ListAsync(int limit, string? continuation, CancellationToken cancellationToken);

    /// <summary>Replaces a configuration; <paramref name="ifMatch"/> (the ETags the client read) null means last write wins.</summary>
    /// <exception cref="ConfigurationConflictException">The new name is taken.</exception>
    /// <exception cref="ConfigurationPreconditionException">No ETag of <paramref name="ifMatch"/> is the current one.</exception>
    /// <returns>The updated configuration, or null when it does not exist.</returns>
    Task<SavedConfiguration?> UpdateAsync(string id, JobConfiguration configuration, IReadOnlyList<string>? ifMatch, DateTimeOffset now, CancellationToken cancellationToken);

    /// <returns>False when it did not exist.</returns>
    /// <exception cref="ConfigurationPreconditionException">No ETag of <paramref name="ifMatch"/> is the current one.</exception>
    Task<bool> DeleteAsync(string id, IReadOnlyList<string>? ifMatch, CancellationToken cancellationToken);
}

public sealed class ConfigurationConflictException(string message) : Exception(message);

public sealed class ConfigurationPreconditionException(string message) : Exception(message);

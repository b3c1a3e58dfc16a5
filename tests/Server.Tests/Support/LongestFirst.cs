using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestCollectionOrderer("GenImageFactory.Server.Tests.Support.LongestFirst", "GenImageFactory.Server.Tests")]

namespace GenImageFactory.Server.Tests.Support;

/// <summary>Marks a test class that runs for minutes: <see cref="LongestFirst"/> starts it before the short ones.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class LongRunningAttribute : Attribute;

/// <summary>
/// Starts the <see cref="LongRunningAttribute">long-running</see> classes first, so that the few classes that take
/// minutes run beside the many short ones instead of after them, at the end of the run.
/// </summary>
public sealed class LongestFirst : ITestCollectionOrderer
{
    private const string Prefix = "Test collection for ";

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections.OrderBy(c => IsLongRunning(c) ? 0 : 1).ThenBy(c => c.DisplayName, StringComparer.Ordinal);

    private static bool IsLongRunning(ITestCollection collection) =>
        collection.DisplayName.StartsWith(Prefix, StringComparison.Ordinal)
        && collection.TestAssembly.Assembly.GetType(collection.DisplayName[Prefix.Length..]) is { } type
        && type.GetCustomAttributes(typeof(LongRunningAttribute)).Any();
}

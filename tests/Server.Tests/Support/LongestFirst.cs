using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestCollectionOrderer("GenImageFactory.Server.Tests.Support.LongestFirst", "GenImageFactory.Server.Tests")]

namespace GenImageFactory.Server.Tests.Support;

/// <summary>Marks a test class that runs for a minute or more: <see cref="LongestFirst"/> starts it before the short ones.</summary>
/// <param name="seconds">About how long the class takes within the whole suite on a 2-core machine (its order among the long ones).</param>
[AttributeUsage(AttributeTargets.Class)]
public sealed class LongRunningAttribute(int seconds) : Attribute
{
    public int Seconds { get; } = seconds;
}

/// <summary>
/// Starts the <see cref="LongRunningAttribute">long-running</see> classes first, longest first, so that the few
/// classes that take minutes run beside the many short ones instead of after them, at the end of the run (with four
/// classes at a time, longest first packs the lanes evenly).
/// </summary>
public sealed class LongestFirst : ITestCollectionOrderer
{
    private const string Prefix = "Test collection for ";

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections.OrderByDescending(Seconds).ThenBy(c => c.DisplayName, StringComparer.Ordinal);

    /// <summary>The class's estimate when it is marked long-running, else 0.</summary>
    private static int Seconds(ITestCollection collection) =>
        collection.DisplayName.StartsWith(Prefix, StringComparison.Ordinal)
        && collection.TestAssembly.Assembly.GetType(collection.DisplayName[Prefix.Length..]) is { } type
        && type.GetCustomAttributes(typeof(LongRunningAttribute)).FirstOrDefault() is { } attribute
            ? (int)attribute.GetConstructorArguments().Single()
            : 0;
}

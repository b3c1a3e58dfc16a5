namespace GenImageFactory.Server.Tests.Support;

/// <summary>
/// A Server that serves the API and schedules jobs but runs no orchestration or activity
/// (<c>Durable:RunWorker</c> false): for validation, binding and authentication tests, which never need a job to
/// run, without the engine's polling beside them.
/// </summary>
public class ApiOnlyFixture : FactoryFixture
{
    protected override void Configure(IDictionary<string, string?> settings) => settings["Durable:RunWorker"] = "false";
}

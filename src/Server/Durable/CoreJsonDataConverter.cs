using CoreDataConverter = DurableTask.Core.Serializing.DataConverter;
using WorkerDataConverter = Microsoft.DurableTask.DataConverter;

namespace GenImageFactory.Server.Durable;

/// <summary>
/// Lets DurableTask.Core's client serialise inputs exactly as the worker shims read them (System.Text.Json),
/// instead of Newtonsoft with <c>$type</c> annotations.
/// </summary>
public sealed class CoreJsonDataConverter(WorkerDataConverter inner) : CoreDataConverter
{
    public override string Serialize(object value) => inner.Serialize(value) ?? "null";

    public override string Serialize(object value, bool formatted) => Serialize(value);

    public override object Deserialize(string data, Type objectType) => inner.Deserialize(data, objectType)!;
}

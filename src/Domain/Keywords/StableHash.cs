using System.Security.Cryptography;
using System.Text;

namespace GenImageFactory.Domain.Keywords;

/// <summary>Hashes that are the same in every process and every .NET version (string.GetHashCode is not).</summary>
public static class StableHash
{
    public static ulong Of(string text)
    {
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), digest);
        return BitConverter.ToUInt64(digest[..8]);
    }

    /// <summary>One step of SplitMix64: a small, well-mixed deterministic generator.</summary>
    public static ulong SplitMix64(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}

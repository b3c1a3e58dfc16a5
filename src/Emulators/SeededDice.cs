using GenImageFactory.Domain.Keywords;

namespace GenImageFactory.Emulators;

/// <summary>The emulators' only source of chance: the same seed and key always give the same outcome.</summary>
internal static class SeededDice
{
    /// <summary>A number in [0, 1) that depends only on the seed and the key.</summary>
    public static double Draw(int seed, ulong key)
    {
        var state = key ^ (ulong)seed * 0xD1B54A32D192ED03UL;
        return (StableHash.SplitMix64(ref state) >> 11) * (1.0 / (1UL << 53));
    }

    /// <summary>
    /// Which band a draw falls in when the rates are laid end to end from 0: the index of the rate, or -1
    /// when it falls past them all (no fault).
    /// </summary>
    public static int Band(double draw, params double[] rates)
    {
        var threshold = 0.0;
        for (var i = 0; i < rates.Length; i++)
        {
            threshold += rates[i];
            if (draw < threshold)
            {
                return i;
            }
        }
        return -1;
    }
}

namespace GenImageFactory.Domain.Keywords;

/// <summary>
/// Chooses the keyword row of each generation: in order (wrapping), or shuffled per pass through the
/// rows with a seed, so every row is used once per pass and a replay picks the same rows.
/// </summary>
public sealed class KeywordPicker
{
    private readonly int _rowCount;
    private readonly bool _random;
    private readonly ulong _seed;
    private readonly Dictionary<int, int[]> _passes = [];

    public KeywordPicker(int rowCount, bool random, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rowCount, 1);
        _rowCount = rowCount;
        _random = random;
        _seed = seed;
    }

    public int RowFor(int generationIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(generationIndex);
        var position = generationIndex % _rowCount;
        if (!_random)
        {
            return position;
        }
        var pass = generationIndex / _rowCount;
        if (!_passes.TryGetValue(pass, out var order))
        {
            _passes[pass] = order = Shuffle(pass);
        }
        return order[position];
    }

    private int[] Shuffle(int pass)
    {
        var order = Enumerable.Range(0, _rowCount).ToArray();
        var state = _seed ^ ((ulong)pass * 0x9E3779B97F4A7C15UL);
        for (var i = order.Length - 1; i > 0; i--)
        {
            var j = (int)(StableHash.SplitMix64(ref state) % (ulong)(i + 1));
            (order[i], order[j]) = (order[j], order[i]);
        }
        return order;
    }
}

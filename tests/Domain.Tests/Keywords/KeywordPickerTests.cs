using GenImageFactory.Domain.Keywords;

namespace GenImageFactory.Domain.Tests.Keywords;

public class KeywordPickerTests
{
    [Fact]
    public void RowFor_InOrder_Wraps()
    {
        var picker = new KeywordPicker(3, random: false, seed: 42);

        Assert.Equal([0, 1, 2, 0, 1, 2, 0], Enumerable.Range(0, 7).Select(picker.RowFor));
    }

    [Fact]
    public void RowFor_Random_UsesEveryRowOncePerPass()
    {
        var picker = new KeywordPicker(10, random: true, seed: 7);

        for (var pass = 0; pass < 3; pass++)
        {
            var rows = Enumerable.Range(pass * 10, 10).Select(picker.RowFor).Order();
            Assert.Equal(Enumerable.Range(0, 10), rows);
        }
    }

    [Fact]
    public void RowFor_Random_SameSeedSameRows_OtherSeedOtherRows()
    {
        int[] Rows(ulong seed) => Enumerable.Range(0, 50).Select(new KeywordPicker(50, true, seed).RowFor).ToArray();

        Assert.Equal(Rows(1), Rows(1));
        Assert.NotEqual(Rows(1), Rows(2));
        Assert.NotEqual(Enumerable.Range(0, 50), Rows(1));
    }

    [Fact]
    public void StableHash_IsTheSameEverywhere() =>
        Assert.Equal(StableHash.Of("job-1"), StableHash.Of("job-1"));
}

using GenImageFactory.Pipeline.Models;

namespace GenImageFactory.Pipeline.Tests.Models;

public class FairShareTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Grants_AFreedSlot_GoesToTheWaitingJobThatHoldsFewest()
    {
        var grants = FairShare.Grants(1, [new("big", Held: 2, Wanted: 100, T0), new("small", Held: 0, Wanted: 4, T0.AddMinutes(5))]);

        Assert.Equal(new Dictionary<string, int> { ["small"] = 1 }, grants);
    }

    [Fact]
    public void Grants_SeveralSlots_LevelTheJobsUp_MaxMin()
    {
        var grants = FairShare.Grants(5, [new("a", 3, 10, T0.AddSeconds(1)), new("b", 0, 10, T0), new("c", 1, 1, T0)]);

        // b rises to a's 3 first (c's single want is met on the way); at 3 all, b has waited longest.
        Assert.Equal(4, grants["b"]);
        Assert.Equal(1, grants["c"]);
        Assert.False(grants.ContainsKey("a"));
    }

    [Fact]
    public void Grants_NoMoreThanAJobWants_AndNoMoreThanIsFree()
    {
        var grants = FairShare.Grants(10, [new("a", 0, 2, T0), new("b", 0, 3, T0)]);

        Assert.Equal((2, 3), (grants["a"], grants["b"]));
        Assert.Equal(3, FairShare.Grants(3, [new("a", 0, 50, T0), new("b", 0, 50, T0)]).Values.Sum());
    }

    [Fact]
    public void Grants_EqualHoldings_TheLongestWaitingJobGoesFirst()
    {
        var grants = FairShare.Grants(1, [new("newer", 1, 5, T0.AddSeconds(10)), new("older", 1, 5, T0)]);

        Assert.Equal(new Dictionary<string, int> { ["older"] = 1 }, grants);
    }

    [Fact]
    public void Grants_NothingFreeOrNobodyWaiting_GrantsNothing()
    {
        Assert.Empty(FairShare.Grants(0, [new("a", 0, 5, T0)]));
        Assert.Empty(FairShare.Grants(4, [new("a", 2, 0, T0)]));
    }

    [Fact]
    public void Entitled_EqualDemands_SplitTheCapEvenly()
    {
        var demands = new Dictionary<string, int> { ["a"] = 60, ["b"] = 60, ["c"] = 60 };

        Assert.Equal([20, 20, 20], new[] { "a", "b", "c" }.Select(j => FairShare.Entitled(60, j, demands)));
    }

    [Fact]
    public void Entitled_ASmallDemand_IsMetWhole_AndTheRestSplitsAmongTheOthers()
    {
        var demands = new Dictionary<string, int> { ["small"] = 4, ["big"] = 200, ["mid"] = 30 };

        Assert.Equal(4, FairShare.Entitled(60, "small", demands));
        Assert.Equal(28, FairShare.Entitled(60, "mid", demands));
        Assert.Equal(28, FairShare.Entitled(60, "big", demands));
        Assert.Equal(60, FairShare.Entitled(60, "big", new Dictionary<string, int> { ["big"] = 200 }));
        Assert.Equal(0, FairShare.Entitled(60, "absent", demands));
    }

    [Fact]
    public void Entitled_MoreJobsThanSlots_NoneKeepsASlotForItself()
    {
        var demands = new Dictionary<string, int> { ["big"] = 36, ["a"] = 5, ["b"] = 5, ["late"] = 15 };

        Assert.All(demands.Keys, job => Assert.Equal(0, FairShare.Entitled(3, job, demands)));
        // Fewer jobs than slots: the remainder goes to the larger demands, and the shares add up to the cap.
        var three = new Dictionary<string, int> { ["a"] = 9, ["b"] = 9, ["c"] = 9 };
        Assert.Equal([1, 2, 2], new[] { "a", "b", "c" }.Select(j => FairShare.Entitled(5, j, three)));
    }

    [Fact]
    public void Grants_ALoneJob_TakesEverythingFree()
    {
        Assert.Equal(3, FairShare.Grants(3, [new("only", 7, 40, T0)])["only"]);
    }
}

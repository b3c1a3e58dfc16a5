using Azure.Data.Tables;
using GenImageFactory.Infrastructure.Storage;
using GenImageFactory.Local;
using GenImageFactory.Pipeline.Ports;

namespace GenImageFactory.Infrastructure.Tests.Storage;

public sealed class SlotsAzurite() : TablesAzurite(StorageNames.ProviderSlotsTable);

/// <summary>The slot table on a real Azurite: the cap holds under concurrent exchanges, leases lapse, answers repeat.</summary>
public sealed class TableProviderSlotsTests(SlotsAzurite storage) : IClassFixture<SlotsAzurite>
{
    private const int Cap = 3;
    private readonly AzuriteProcess _azurite = storage.Azurite;
    private readonly TableServiceClient _tables = new(storage.Azurite.ConnectionString);
    private readonly string _provider = "p" + Guid.NewGuid().ToString("N")[..8];
    private readonly MovingClock _clock = new();

    private TableProviderSlots Slots() => new(_tables, _clock);

    private SlotRequest Ask(string jobId, int running, int waiting) => new(_provider, Cap, jobId,
        [.. Enumerable.Range(0, running).Select(i => $"{jobId}:g{i:D4}")],
        [.. Enumerable.Range(running, waiting).Select(i => $"{jobId}:g{i:D4}")], Asker: $"{jobId}:b0000");

    private static async Task<SlotGrant> GrantAsync(TableProviderSlots slots, SlotRequest request, CancellationToken cancellationToken) =>
        (await slots.ExchangeAsync(request, cancellationToken)).Grant;

    [Fact]
    public async Task Exchange_ManyJobsAtOnce_NeverGrantMoreThanTheCap()
    {
        // Ten jobs on separate clients (as separate processes would be) race for three slots.
        var grants = await Task.WhenAll(Enumerable.Range(0, 10).Select(j =>
            GrantAsync(new TableProviderSlots(new TableServiceClient(_azurite.ConnectionString), _clock), Ask($"job{j}", 0, Cap), CancellationToken.None)));

        Assert.Equal(Cap, grants.Sum(g => g.Granted));
    }

    [Fact]
    public async Task Exchange_AskedAgain_ReturnsTheSameSlots_AndTakesNoMore()
    {
        var slots = Slots();
        var first = await GrantAsync(slots, Ask("a", 0, 2), CancellationToken.None);
        var again = await GrantAsync(slots, Ask("a", 0, 2), CancellationToken.None);
        var other = await GrantAsync(slots, Ask("b", 0, 3), CancellationToken.None);

        Assert.Equal((2, 2, 1), (first.Granted, again.Granted, other.Granted));
        Assert.False(first.OthersWaiting);
    }

    [Fact]
    public async Task Exchange_AFreedSlot_GoesToTheWaitingJobThatHoldsFewest()
    {
        var slots = Slots();
        Assert.Equal(Cap, (await GrantAsync(slots, Ask("big", 0, Cap), CancellationToken.None)).Granted);
        Assert.Equal(0, (await GrantAsync(slots, Ask("small", 0, 2), CancellationToken.None)).Granted);

        // big's generation 0 ended; it would start generation 3, but small (holding none) is waiting.
        var big = await GrantAsync(slots, new SlotRequest(_provider, Cap, "big", ["big:g0001", "big:g0002"], ["big:g0003"]), CancellationToken.None);
        var small = await GrantAsync(slots, Ask("small", 0, 2), CancellationToken.None);

        Assert.Equal((0, 1), (big.Granted, small.Granted));
        // Each learns that the other waits too, and its share of the cap split over both demands (small 2, big 3):
        // big, running 2 of its share of 2, gives its next freed slot back instead of handing it to itself.
        Assert.True(big.OthersWaiting && small.OthersWaiting);
        Assert.Equal((2, 1), (big.Entitled, small.Entitled));
    }

    [Fact]
    public async Task Exchange_ThatLeavesASlotFreeForAWaitingJob_NamesThatJobsAsker_AndOnlyThen()
    {
        var slots = Slots();
        var taking = await slots.ExchangeAsync(Ask("big", 0, Cap), CancellationToken.None);
        var waiting = await slots.ExchangeAsync(Ask("small", 0, 2), CancellationToken.None);
        // Nothing is free: nobody to wake.
        Assert.Empty(taking.Wake);
        Assert.Empty(waiting.Wake);

        // big's generation 0 ended and its slot goes back (small holds none): small's batch is named, to come and take it now.
        var bigAsks = new SlotRequest(_provider, Cap, "big", ["big:g0001", "big:g0002"], ["big:g0003"], Asker: "big:b0000");
        var freeing = await slots.ExchangeAsync(bigAsks, CancellationToken.None);
        Assert.Equal(0, freeing.Grant.Granted);
        Assert.Equal(["small:b0000"], freeing.Wake);

        // Once small has taken it, big's next exchange leaves nothing free and wakes nobody.
        Assert.Equal(1, (await GrantAsync(slots, Ask("small", 0, 2), CancellationToken.None)).Granted);
        Assert.Empty((await slots.ExchangeAsync(bigAsks, CancellationToken.None)).Wake);
    }

    [Fact]
    public async Task Exchange_MoreJobsThanSlots_AnEndingSlotGoesToTheJobHoldingNone_NotToItsOwnNextGeneration()
    {
        var slots = Slots();
        var holders = new[] { "big", "a", "b" };
        foreach (var job in holders)
        {
            Assert.Equal(1, (await GrantAsync(slots, Ask(job, 0, 1), CancellationToken.None)).Granted);
        }
        Assert.Equal(0, (await GrantAsync(slots, Ask("late", 0, 2), CancellationToken.None)).Granted);
        _clock.Advance(TimeSpan.FromSeconds(3));

        // big's generation 0 ended and generation 1 waits; a, b and late all want slots too.
        var big = await GrantAsync(slots, new SlotRequest(_provider, Cap, "big", [], ["big:g0001"]), CancellationToken.None);
        var late = await GrantAsync(slots, Ask("late", 0, 2), CancellationToken.None);

        // Four jobs, three slots: none is entitled to keep one, so big hands its slot on rather than to itself.
        Assert.Equal((0, 0), (big.Entitled, late.Entitled));
        Assert.Equal((0, 1), (big.Granted, late.Granted));
    }

    [Fact]
    public async Task Exchange_AJobWhoseGenerationEnded_QueuesBehindTheJobsAlreadyWaiting()
    {
        var slots = Slots();
        var holders = new[] { "s1", "s2", "mid" };
        foreach (var job in holders)
        {
            Assert.Equal(1, (await GrantAsync(slots, Ask(job, 0, 1), CancellationToken.None)).Granted);
        }
        // Each wants a second slot: their claims are older than big's, which holds none.
        foreach (var job in holders)
        {
            Assert.Equal(0, (await GrantAsync(slots, Ask(job, 1, 1), CancellationToken.None)).Granted);
        }
        _clock.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(0, (await GrantAsync(slots, Ask("big", 0, 5), CancellationToken.None)).Granted);
        _clock.Advance(TimeSpan.FromSeconds(3));

        // s1's generation 0 ended and its generation 1 waits: it has had its turn, so the slot is big's.
        var s1 = await GrantAsync(slots, new SlotRequest(_provider, Cap, "s1", [], ["s1:g0001"]), CancellationToken.None);
        var big = await GrantAsync(slots, Ask("big", 0, 5), CancellationToken.None);

        Assert.Equal((0, 1), (s1.Granted, big.Granted));
    }

    [Fact]
    public async Task Exchange_LeasesNotRenewed_LapseAndFreeTheirSlots()
    {
        var slots = Slots();
        Assert.Equal(Cap, (await GrantAsync(slots, Ask("crashed", 0, Cap), CancellationToken.None)).Granted);
        Assert.Equal(0, (await GrantAsync(slots, Ask("later", 0, Cap), CancellationToken.None)).Granted);

        _clock.Advance(slots.Lease + TimeSpan.FromSeconds(1));

        Assert.Equal(Cap, (await GrantAsync(slots, Ask("later", 0, Cap), CancellationToken.None)).Granted);
    }

    [Fact]
    public async Task Exchange_RenewedInTime_KeepsTheSlots()
    {
        var slots = Slots();
        await GrantAsync(slots, Ask("steady", 0, Cap), CancellationToken.None);
        for (var i = 0; i < 4; i++)
        {
            _clock.Advance(slots.Lease * 0.6);
            var renewed = await GrantAsync(slots, Ask("steady", Cap, 0), CancellationToken.None);
            Assert.True(renewed.RenewBy > _clock.GetUtcNow());
        }

        Assert.Equal(0, (await GrantAsync(slots, Ask("other", 0, 1), CancellationToken.None)).Granted);
    }

    [Fact]
    public async Task ReleaseJob_FreesEverySlot_AndWithdrawsTheClaim()
    {
        var slots = Slots();
        await GrantAsync(slots, Ask("cancelled", 0, 10), CancellationToken.None);

        await slots.ReleaseJobAsync(_provider, "cancelled", CancellationToken.None);

        Assert.Equal(Cap, (await GrantAsync(slots, Ask("next", 0, Cap), CancellationToken.None)).Granted);
        var rows = _tables.GetTableClient(StorageNames.ProviderSlotsTable).Query<TableEntity>(r => r.PartitionKey == _provider).ToList();
        Assert.DoesNotContain(rows, r => r.RowKey.StartsWith("claim-cancelled", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReleaseJob_NamesTheAskersOfTheJobsWaitingForTheFreedSlots()
    {
        var slots = Slots();
        await slots.ExchangeAsync(Ask("cancelled", 0, Cap), CancellationToken.None);
        await slots.ExchangeAsync(Ask("next", 0, 2), CancellationToken.None);

        Assert.Equal(["next:b0000"], await slots.ReleaseJobAsync(_provider, "cancelled", CancellationToken.None));
        Assert.Empty(await slots.ReleaseJobAsync(_provider, "cancelled", CancellationToken.None));
    }
}

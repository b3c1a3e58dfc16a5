using GenImageFactory.Domain.Jobs;
using GenImageFactory.Domain.Schedules;

namespace GenImageFactory.Domain.Tests.Schedules;

public class CronScheduleTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("0 6 * * *")]
    [InlineData("*/15 9-17 * * MON-FRI")]
    [InlineData("30 */5 * * * *")]
    public void Parses_FiveAndSixFieldExpressions(string text) =>
        Assert.Equal(text, CronSchedule.TryParse(text, out var error)!.Text + (error ?? ""));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("every day")]
    [InlineData("61 * * * *")]
    [InlineData("* * * *")]
    [InlineData("0 0 0 * * * *")]
    [InlineData("H * * * *")]
    [InlineData("0 6 * * *\u0000")]
    public void Rejects_WhatIsNotCron_SayingWhy(string? text)
    {
        Assert.Null(CronSchedule.TryParse(text, out var error));
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Theory]
    [InlineData("* * * * * *")]
    [InlineData("*/10 * * * * *")]
    [InlineData("0,30 * * * * *")]
    [InlineData("0-5 */5 * * * *")]
    public void Rejects_MoreThanOnceAMinute(string text)
    {
        Assert.Null(CronSchedule.TryParse(text, out var error));
        Assert.Contains("at most once a minute", error);
    }

    [Fact]
    public void LatestIn_IsTheLastSlotOfTheWindow_ExcludingItsStart()
    {
        var hourly = CronSchedule.Parse("0 * * * *");

        Assert.Equal(Noon, hourly.LatestIn(Noon.AddHours(-3), Noon));
        Assert.Equal(Noon.AddHours(-1), hourly.LatestIn(Noon.AddHours(-3), Noon.AddMinutes(-1)));
        Assert.Null(hourly.LatestIn(Noon, Noon.AddMinutes(59)));
    }

    [Fact]
    public void LatestIn_AWindowThatEndsBeforeItStarts_HasNoSlot()
    {
        // A schedule created after the tick read the clock: its creation time is later than the tick's "now".
        var everyMinute = CronSchedule.Parse("* * * * *");

        Assert.Null(everyMinute.LatestIn(Noon.AddSeconds(1), Noon));
        Assert.Null(everyMinute.LatestIn(Noon, Noon));
    }

    [Fact]
    public void NextAfter_IsStrictlyLater_AndInUtc()
    {
        var daily = CronSchedule.Parse("0 6 * * *");

        Assert.Equal(new DateTimeOffset(2026, 11, 26, 6, 0, 0, TimeSpan.Zero), daily.NextAfter(Noon));
        Assert.Equal(Noon.AddSeconds(30), CronSchedule.Parse("30 * * * * *").NextAfter(Noon));
    }

    [Fact]
    public void DerivedJobIds_AreTheSameForTheSameSlot_AndDifferOtherwise()
    {
        var first = JobId.Derived(Noon, "schedule-a@slot");

        Assert.Equal(first, JobId.Derived(Noon, "schedule-a@slot"));
        Assert.NotEqual(first, JobId.Derived(Noon, "schedule-b@slot"));
        Assert.True(JobId.IsValid(first));
        Assert.True(string.CompareOrdinal(JobId.Derived(Noon.AddMinutes(1), "x"), first) < 0, "a later slot sorts first");
    }
}

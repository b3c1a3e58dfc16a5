using System.Net;
using GenImageFactory.Infrastructure.Providers;
using GenImageFactory.Pipeline.Models;

namespace GenImageFactory.Infrastructure.Tests.Providers;

/// <summary>The one rule every provider client judges its answers by, one class of answer at a time.</summary>
public class ProviderHttpAnswersTests
{
    [Theory]
    [InlineData(HttpStatusCode.OK)]
    [InlineData(HttpStatusCode.Accepted)]
    public void Success_IsAccepted(HttpStatusCode status) =>
        Assert.Equal(ProviderAnswer.Accepted, ProviderHttpAnswers.Classify(new ProviderReply(status, "")));

    [Fact]
    public void Success_WithAnErrorInTheBody_RefusesTheTask() =>
        Assert.Equal(ProviderAnswer.TaskRefused, ProviderHttpAnswers.Classify(new ProviderReply(HttpStatusCode.OK, "bad prompt", ErrorInBody: true)));

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests, "Rate limit reached")]
    [InlineData(HttpStatusCode.TooManyRequests, "per-minute quota reached, retry later")]
    [InlineData(HttpStatusCode.InternalServerError, "boom")]
    [InlineData(HttpStatusCode.BadGateway, "")]
    [InlineData(HttpStatusCode.ServiceUnavailable, "insufficient capacity")]
    public void RateLimitsAndServerErrors_AreTransient_WhateverTheirWords(HttpStatusCode status, string reason) =>
        Assert.Equal(ProviderAnswer.Transient, ProviderHttpAnswers.Classify(new ProviderReply(status, reason)));

    [Fact]
    public void ARateLimit_ThatSaysTheQuotaIsSpent_RefusesTheAccount() =>
        Assert.Equal(ProviderAnswer.AccountRefused, ProviderHttpAnswers.Classify(new ProviderReply(HttpStatusCode.TooManyRequests, "You exceeded your current quota", QuotaExhausted: true)));

    [Theory]
    [InlineData(HttpStatusCode.Unauthorized)]
    [InlineData(HttpStatusCode.PaymentRequired)]
    [InlineData(HttpStatusCode.Forbidden)]
    public void AuthAndPaymentStatuses_RefuseTheAccount(HttpStatusCode status) =>
        Assert.Equal(ProviderAnswer.AccountRefused, ProviderHttpAnswers.Classify(new ProviderReply(status, "no reason given")));

    [Theory]
    [InlineData("Insufficient credits to run this task")]
    [InlineData("This model is not enabled for your subscription")]
    [InlineData("Invalid API key")]
    public void AnotherRefusal_ThatBlamesTheAccount_RefusesTheAccount(string reason) =>
        Assert.Equal(ProviderAnswer.AccountRefused, ProviderHttpAnswers.Classify(new ProviderReply(HttpStatusCode.BadRequest, reason)));

    [Fact]
    public void TheEvidence_NotOnlyTheShownReason_MayBlameTheAccount() =>
        Assert.Equal(ProviderAnswer.AccountRefused, ProviderHttpAnswers.Classify(new ProviderReply(HttpStatusCode.BadRequest, "Task rejected.", Evidence: "insufficientCredits Task rejected.")));

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, "The prompt was rejected by the content filter.")]
    [InlineData(HttpStatusCode.NotFound, "task not found")]
    [InlineData(HttpStatusCode.UnprocessableEntity, "width must be a multiple of 64")]
    public void OtherClientErrors_RefuseTheTask(HttpStatusCode status, string reason) =>
        Assert.Equal(ProviderAnswer.TaskRefused, ProviderHttpAnswers.Classify(new ProviderReply(status, reason)));

    [Fact]
    public void Judge_ThrowsATransientAnswer_WithItsStatus()
    {
        var thrown = Assert.Throws<HttpRequestException>(() => ProviderHttpAnswers.Judge(new ProviderReply(HttpStatusCode.TooManyRequests, "slow down"), "PiAPI", "PiAPI refused the request", "t1"));

        Assert.Equal(HttpStatusCode.TooManyRequests, thrown.StatusCode);
        Assert.Equal("PiAPI answered 429: slow down", thrown.Message);
    }

    [Fact]
    public void Judge_AnAccountRefusal_FailsTheTask_AsFatalToTheJob()
    {
        var status = ProviderHttpAnswers.Judge(new ProviderReply(HttpStatusCode.Unauthorized, "Invalid API key"), "PiAPI", "PiAPI refused the request", "t1");

        Assert.Equal((ProviderTaskState.Failed, true, "t1", "PiAPI refused the request (401): Invalid API key"), (status!.State, status.Fatal, status.TaskId, status.Error));
    }

    [Fact]
    public void Judge_ATaskRefusal_FailsOnlyTheTask()
    {
        var status = ProviderHttpAnswers.Judge(new ProviderReply(HttpStatusCode.BadRequest, "content filter"), "Runware", "Runware refused the task", "t2");

        Assert.Equal((ProviderTaskState.Failed, false, "Runware refused the task (400): content filter"), (status!.State, status.Fatal, status.Error));
    }

    [Fact]
    public void Judge_AnAcceptedAnswer_IsNoRefusal() =>
        Assert.Null(ProviderHttpAnswers.Judge(new ProviderReply(HttpStatusCode.OK, ""), "PiAPI", "PiAPI refused the request", "t3"));

    [Fact]
    public void ReadJson_MalformedBodyOfAFailure_IsThrownAsThatFailure()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.BadGateway);

        var thrown = Assert.Throws<HttpRequestException>(() => ProviderHttpAnswers.ReadJson<object>("Runware", response, "<html>bad gateway</html>"));

        Assert.Equal(HttpStatusCode.BadGateway, thrown.StatusCode);
    }

    [Fact]
    public void ReadJson_MalformedBodyOfASuccess_IsMalformedData()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.OK);

        Assert.Throws<InvalidDataException>(() => ProviderHttpAnswers.ReadJson<object>("PiAPI", response, "{not json"));
    }
}

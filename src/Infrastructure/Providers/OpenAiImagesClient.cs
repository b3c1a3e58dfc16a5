using System.ClientModel;
using System.Net;
using GenImageFactory.Domain.Configuration;
using GenImageFactory.Infrastructure.OpenAi;
using GenImageFactory.Pipeline.Models;
using GenImageFactory.Pipeline.Ports;
using Microsoft.Extensions.Options;
using OpenAI;
using OpenAI.Images;

namespace GenImageFactory.Infrastructure.Providers;

/// <summary>
/// OpenAI Images through the official SDK: one image per request, the size picked from the aspect ratio
/// among the model's sizes (square, landscape, portrait), returned as a URL that is downloaded at once.
/// It answers synchronously, so a submit completes the task.
/// </summary>
public sealed class OpenAiImagesClient(IOptions<ProvidersOptions> options) : IImageProvider
{
    public const string ProviderName = "openai-images";

    public string Name => ProviderName;

    private ProviderEndpointOptions Endpoint => options.Value.OpenAIImages;

    /// <summary>dall-e-3's sizes: landscape from 6:5 up, portrait from 5:6 down, square between.</summary>
    public static GeneratedImageSize SizeFor(string aspectRatio) => AspectRatio.Parse(aspectRatio).Value switch
    {
        >= 1.2 => GeneratedImageSize.W1792xH1024,
        <= 1 / 1.2 => GeneratedImageSize.W1024xH1792,
        _ => GeneratedImageSize.W1024xH1024,
    };

    public async Task<ProviderTaskStatus> SubmitAsync(ProviderTaskRequest request, CancellationToken cancellationToken)
    {
        var model = string.IsNullOrWhiteSpace(request.Model) ? Endpoint.Model ?? "dall-e-3" : request.Model;
        var client = new ImageClient(model, new ApiKeyCredential(Endpoint.ApiKey ?? "not-configured"), new OpenAIClientOptions
        {
            Endpoint = Endpoint.BaseUrl,
            NetworkTimeout = TimeSpan.FromSeconds(Endpoint.RequestTimeoutSeconds),
            RetryPolicy = new QuotaAwareRetryPolicy(3),
        });
        try
        {
            var result = await client.GenerateImageAsync(request.Prompt, new ImageGenerationOptions
            {
                Size = SizeFor(request.AspectRatio),
                ResponseFormat = GeneratedImageFormat.Uri,
            }, cancellationToken);
            var url = result.Value.ImageUri;
            return url is null
                ? ProviderTaskStatus.Failed(null, "OpenAI returned no image URL.")
                : ProviderTaskStatus.Completed(null, [url.ToString()]);
        }
        catch (ClientResultException ex) when (Classify(ex) is ProviderAnswer.AccountRefused or ProviderAnswer.TaskRefused)
        {
            // What is left after the SDK's retries: 429 and 5xx stay thrown, as the other providers' are.
            return ProviderHttpAnswers.Refusal(Classify(ex), null, $"OpenAI refused the image ({ex.Status}): {OpenAiErrors.Describe(ex)}");
        }
    }

    /// <summary>The SDK's failure (status 0 when no answer came) through the providers' shared rule.</summary>
    private static ProviderAnswer Classify(ClientResultException ex) => ex.Status == 0
        ? ProviderAnswer.Transient
        : ProviderHttpAnswers.Classify(new ProviderReply((HttpStatusCode)ex.Status, OpenAiErrors.Describe(ex), QuotaExhausted: OpenAiErrors.IsQuotaExhausted(ex.GetRawResponse())));

    public Task<ProviderTaskStatus> PollAsync(string taskId, CancellationToken cancellationToken) =>
        Task.FromResult(ProviderTaskStatus.Failed(taskId, "OpenAI image requests complete on submit; there is nothing to poll."));
}

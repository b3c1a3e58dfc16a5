using GenImageFactory.Pipeline.Activities;
using Microsoft.DurableTask;

namespace GenImageFactory.Pipeline.Orchestrations;

/// <summary>
/// A batch's filing of its images for search: its ended generations, in generation order, a slice at a time
/// (<see cref="RunGenerationBatchOrchestrator.FilingSlice"/>) and one filing at a time, while the others run. A filing
/// that fails does not fail the batch: it says its images are not all filed, and the job's end files them all.
/// </summary>
internal sealed class BatchFiling(TaskOrchestrationContext context, string jobId, int first, int count)
{
    private readonly int _first = first;
    private readonly bool[] _ended = new bool[count];
    // The first generation not filed yet.
    private int _filedUpTo = first;
    private Task<FileBatchImagesRequest>? _filing;
    private bool _allFiled = true;

    public void Ended(int generationIndex) => _ended[generationIndex - _first] = true;

    /// <summary>
    /// Files the ended generations after the last filed, below <paramref name="started"/>, once a slice of them has
    /// ended (any number <paramref name="atEnd"/>); nothing while a filing runs.
    /// </summary>
    public void FileReady(int started, bool atEnd = false)
    {
        if (_filing is { IsCompleted: false })
        {
            return;
        }
        Settle();
        var upTo = _filedUpTo;
        while (upTo < started && _ended[upTo - _first])
        {
            upTo++;
        }
        if (upTo - _filedUpTo >= RunGenerationBatchOrchestrator.FilingSlice || (atEnd && upTo > _filedUpTo))
        {
            var slice = new FileBatchImagesRequest(jobId, _filedUpTo, upTo - _filedUpTo);
            _filing = OwnAnswers.CallAsync<FileBatchImagesRequest>(context, nameof(FileBatchImagesActivity), slice, StorageRetry.Options, filed => filed == slice);
            _filedUpTo = upTo;
        }
    }

    /// <summary>Waits for the filing under way, then files every ended generation left (the batch's last slice), without waiting for that.</summary>
    public async Task FileTheRestAsync(int started)
    {
        await WaitAsync();
        FileReady(started, atEnd: true);
    }

    /// <summary>Waits for the filing under way: whether every filing went well.</summary>
    public async Task<bool> AllFiledAsync()
    {
        await WaitAsync();
        Settle();
        return _allFiled;
    }

    private async Task WaitAsync()
    {
        try
        {
            if (_filing is not null)
            {
                await _filing;
            }
        }
        catch (TaskFailedException)
        {
            // Counted by Settle.
        }
    }

    private void Settle()
    {
        _allFiled &= _filing is null || _filing.IsCompletedSuccessfully;
        _filing = null;
    }
}

using BriefingBot.Memory.Jobs;

namespace BriefingBot.Bot.Jobs;

/// <summary>
/// Works through background jobs of the registered <see cref="IJobHandler"/> kinds, <see cref="JobsOptions.Workers"/>
/// at a time. While a job runs its lease is renewed; a job whose lease was lost (this process was too slow, another
/// took it) is abandoned. On shutdown running jobs are cancelled and released, so they start again after a restart.
/// </summary>
public sealed class JobWorker(JobQueue queue, IEnumerable<IJobHandler> handlers, JobsOptions options, ILogger<JobWorker> logger) : BackgroundService
{
    private readonly Dictionary<string, IJobHandler> _handlers = handlers.ToDictionary(h => h.Kind, StringComparer.Ordinal);
    private readonly string _name = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>This process's worker name, as jobs record it.</summary>
    public string Name => _name;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.WhenAll(Enumerable.Range(0, options.Workers).Select(_ => Task.Run(() => LoopAsync(stoppingToken), CancellationToken.None)));
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            var released = await queue.Store.ReleaseAsync(_name, cancellationToken);
            if (released > 0)
            {
                logger.LogInformation("Released {Count} unfinished jobs for another run", released);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Could not release this worker's jobs; they are taken again when their lease runs out");
        }
    }

    private async Task LoopAsync(CancellationToken stoppingToken)
    {
        var kinds = _handlers.Keys.ToArray();
        var idle = TimeSpan.FromSeconds(options.PollSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await queue.Store.ClaimAsync(_name, kinds, options.Lease, stoppingToken) is { } job)
                {
                    await RunAsync(job, stoppingToken);
                    continue;
                }

                await queue.WaitAsync(idle, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Looking for background jobs failed; trying again in {Delay}", idle);
                await Task.Delay(idle, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private async Task RunAsync(JobRecord job, CancellationToken stoppingToken)
    {
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["JobId"] = job.Id, ["JobKind"] = job.Kind });
        using var run = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var progress = job.Progress;
        var lost = false;

        async Task ReportAsync(JobProgress update, CancellationToken cancellationToken)
        {
            progress = update;
            if (!await queue.Store.ReportAsync(job.Id, _name, update, options.Lease, cancellationToken))
            {
                lost = true;
                await run.CancelAsync();
            }
        }

        using var heartbeat = new PeriodicTimer(options.Lease / 3);
        var beating = Task.Run(async () =>
        {
            while (await heartbeat.WaitForNextTickAsync(run.Token).ConfigureAwait(false))
            {
                await ReportAsync(progress, run.Token);
            }
        }, CancellationToken.None);

        logger.LogInformation("Running {Kind} job {JobId}, attempt {Attempt} of {MaxAttempts}", job.Kind, job.Id, job.Attempts, job.MaxAttempts);
        try
        {
            var content = await queue.Store.GetContentAsync(job.Id, run.Token);
            var result = await _handlers[job.Kind].RunAsync(new JobExecution(job, content, ReportAsync), run.Token);
            await StopHeartbeatAsync();
            if (await queue.Store.CompleteAsync(job.Id, _name, result, CancellationToken.None))
            {
                logger.LogInformation("Job {JobId} succeeded", job.Id);
            }
        }
        catch (OperationCanceledException) when (run.IsCancellationRequested)
        {
            await StopHeartbeatAsync();
            logger.LogInformation(lost ? "Job {JobId} was taken over by another worker" : "Job {JobId} stopped by shutdown; it runs again later", job.Id);
        }
        catch (JobFailedException e)
        {
            await StopHeartbeatAsync();
            logger.LogWarning("Job {JobId} failed: {Error}", job.Id, e.Message);
            await queue.Store.FailAsync(job.Id, _name, e.Message, retry: false, CancellationToken.None);
        }
        catch (Exception e)
        {
            await StopHeartbeatAsync();
            logger.LogWarning(e, "Job {JobId} failed on attempt {Attempt} of {MaxAttempts}", job.Id, job.Attempts, job.MaxAttempts);
            await queue.Store.FailAsync(job.Id, _name, e.Message, retry: true, CancellationToken.None);
        }

        async Task StopHeartbeatAsync()
        {
            heartbeat.Dispose();
            await beating.ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }
}

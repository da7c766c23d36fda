using BriefingBot.Memory;
using BriefingBot.Memory.Briefings;
using BriefingBot.Memory.Ingestion;
using BriefingBot.Memory.Jobs;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BriefingBot.Bot.Jobs;

/// <summary>Registers background jobs: the store beside the memory, the queue, the ingestion and briefing handlers and (when enabled) the worker.</summary>
public static class JobsSetup
{
    public static JobsOptions AddBackgroundJobs(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(JobsOptions.SectionName).Get<JobsOptions>() ?? new JobsOptions();
        if (options.Validate() is { Count: > 0 } problems)
        {
            throw new InvalidOperationException("The Jobs settings cannot be used: " + string.Join(" ", problems));
        }

        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new JobQueue(sp.GetRequiredService<IJobStore>()));
        services.AddSingleton<IJobHandler>(sp => new IngestJobHandler(sp.GetRequiredService<BriefingMemory>()));
        services.AddSingleton<IJobHandler>(sp => new BriefingJobHandler(sp.GetRequiredService<BriefingBuilder>()));
        if (options.Enabled)
        {
            services.AddSingleton<JobWorker>();
            services.AddHostedService(sp => sp.GetRequiredService<JobWorker>());
        }

        return options;
    }
}

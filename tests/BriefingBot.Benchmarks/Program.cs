using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using BriefingBot.Benchmarks;

// The generated benchmark project compiles the memory library again: on a busy 2-core machine that takes minutes.
var config = ManualConfig.Create(DefaultConfig.Instance)
    .WithBuildTimeout(TimeSpan.FromMinutes(15))
    .WithArtifactsPath(Path.Combine(RepositoryFiles.Root, ".artifacts", "benchmarks"));
BenchmarkSwitcher.FromAssembly(typeof(FusionBenchmarks).Assembly).Run(args, config);

namespace BriefingBot.Memory.Tests.Support;

/// <summary>
/// The PostgreSQL server (with pgvector) that scripts/test.sh starts for the run, given to the tests in
/// <c>BRIEFINGBOT_TEST_POSTGRES</c>; tests that need it are skipped without it.
/// </summary>
public static class TestPostgres
{
    public const string Variable = "BRIEFINGBOT_TEST_POSTGRES";

    public static string? ConnectionString { get; } =
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    public static string SkipReason =>
        $"No PostgreSQL server: {Variable} is not set (scripts/test.sh starts one with scripts/postgres-test-server.sh start).";
}

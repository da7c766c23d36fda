using System.Reflection;
using System.Security.Claims;
using BriefingBot.Memory.Documents;
using BriefingBot.Memory.Storage;

namespace BriefingBot.Bot.Api;

/// <summary>
/// Who called a staff endpoint, what they may do, and the part of the memory they see. Handlers take it as a
/// parameter; <see cref="Restrict"/> narrows a requested filter to the caller's <see cref="Scope"/> and
/// <see cref="CanSee"/> tells whether one document is inside it.
/// </summary>
public sealed record StaffCaller
{
    /// <summary>The key's name, the token's subject, or <c>loopback</c>.</summary>
    public required string Name { get; init; }

    public required StaffCallerKind Kind { get; init; }

    public required StaffPermission Permissions { get; init; }

    /// <summary>Tag key → allowed values; empty when the caller sees every document.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Scope { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    public bool IsScoped => Scope.Count > 0;

    /// <summary>The owner recorded on the jobs the caller starts; null for an unsecured (loopback) caller, who may read every job.</summary>
    public string? JobOwner => Kind == StaffCallerKind.Loopback ? null : $"{Kind.ToString().ToLowerInvariant()}:{Name}";

    /// <summary>The caller of an API without authentication configured, answered on loopback only.</summary>
    public static StaffCaller Loopback { get; } = new() { Name = "loopback", Kind = StaffCallerKind.Loopback, Permissions = StaffPermission.All };

    public bool Has(StaffPermission permission) => (Permissions & permission) == permission;

    /// <summary>
    /// <paramref name="requested"/> narrowed to the scope: for each scoped key, the requested values that the scope
    /// allows (all the scope's values when the request names none). When nothing is left the filter matches no document.
    /// </summary>
    public MemoryFilter Restrict(MemoryFilter? requested)
    {
        requested ??= MemoryFilter.None;
        if (!IsScoped)
        {
            return requested;
        }

        var tags = requested.Tags.ToDictionary(t => t.Key.Trim().ToLowerInvariant(), t => t.Value, StringComparer.Ordinal);
        foreach (var (key, allowed) in Scope)
        {
            var values = tags.TryGetValue(key, out var asked)
                ? asked.Select(v => v.Trim()).Where(v => allowed.Contains(v, StringComparer.Ordinal)).Distinct(StringComparer.Ordinal).ToList()
                : allowed.ToList();
            if (values.Count == 0)
            {
                return requested with { Tags = tags, DocumentIds = [NoDocument] };
            }

            tags[key] = values;
        }

        return requested with { Tags = tags };
    }

    /// <summary>Whether the document carries, for every scoped key, one of the allowed values.</summary>
    public bool CanSee(DocumentInfo document) => SaveCondition.InScope(Scope, document.Tags);

    /// <summary>What the caller's saves require of a stored document: inside the scope, and the given version when one is required.</summary>
    public SaveCondition SavingCondition(string? ifMatch) => new() { Scope = Scope, IfMatch = ifMatch };

    /// <summary>
    /// The key a conversation is kept under: the id the caller chose, within the caller's own space, so that one key
    /// never reads or resets another's conversation (an unsecured loopback caller uses the id as it is).
    /// </summary>
    public string ConversationKey(string conversationId) => JobOwner is { } owner
        ? Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(owner)))[..16] + "/" + conversationId
        : conversationId;

    /// <summary>The principal a staff authentication scheme signs in for this caller.</summary>
    public ClaimsPrincipal ToPrincipal(string scheme) => new(new StaffIdentity(this, scheme));

    /// <summary>The staff caller a scheme of <see cref="StaffAuthentication"/> signed in, or null.</summary>
    public static StaffCaller? Of(ClaimsPrincipal user) => user.Identities.OfType<StaffIdentity>().FirstOrDefault()?.Caller;

    /// <summary>Binds the caller that the staff authorization policy authenticated for this request.</summary>
    public static ValueTask<StaffCaller?> BindAsync(HttpContext context, ParameterInfo parameter) => ValueTask.FromResult(Of(context.User));

    /// <summary>An id no document can have (ids are never empty), so a filter naming only it matches nothing.</summary>
    private const string NoDocument = "";
}

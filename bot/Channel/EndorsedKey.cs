using Microsoft.IdentityModel.Tokens;

namespace BriefingBot.Bot.Channel;

/// <summary>A signing key and the channels it is endorsed for (Bot Framework keys list them; Entra keys list none).</summary>
public sealed record EndorsedKey(JsonWebKey Key, IReadOnlySet<string> Endorsements);

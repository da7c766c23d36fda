using System.Globalization;
using System.Text.RegularExpressions;
using BriefingBot.Memory.Language;

namespace BriefingBot.Memory.Briefings;

/// <summary>
/// Finds the date expressions of a sentence and resolves them against the document's publication date.
/// <list type="bullet">
/// <item>Absolute dates ("12 January 2022", "January 12, 2022", "2022-01-12", "in 1997") need no reference.</item>
/// <item>Relative ones ("today", "yesterday", "next month", "last week", "in two weeks", "on Tuesday", "in January")
/// resolve against the publication date; without one they stay as written.</item>
/// <item>A weekday or a month without a year is the nearest one before the publication date for an event ("said on
/// Tuesday") and the nearest one after it for a next step ("talks will start in January").</item>
/// <item>An expression is a next step when it points forward ("next", "tomorrow", "in two weeks") or its sentence
/// speaks of the future ("will", "plans to", "expects to") and no past reporting verb governs it ("said on Tuesday"). A
/// date with its year is a next step only when it falls after the publication date.</item>
/// </list>
/// </summary>
internal static partial class DateResolver
{
    private static readonly string[] Months =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    private static readonly string[] Weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

    private static readonly Dictionary<string, int> Numbers = new(StringComparer.OrdinalIgnoreCase)
    {
        ["a"] = 1, ["an"] = 1, ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6,
        ["seven"] = 7, ["eight"] = 8, ["nine"] = 9, ["ten"] = 10, ["few"] = 3, ["several"] = 3,
    };

    public static List<DateExpression> Find(string sentence, int offset, DateOnly? published)
    {
        var future = FutureCue().IsMatch(sentence);
        var found = new List<DateExpression>();
        foreach (Match match in Expression().Matches(sentence))
        {
            var span = new TextSpan(offset + match.Index, offset + match.Index + match.Length);
            var pastVerb = PastVerbBefore().IsMatch(sentence[..match.Index]);
            var direction = Direction(match);
            var kind = direction switch
            {
                > 0 => TimelineKind.NextStep,
                < 0 => TimelineKind.Event,
                _ => future && !pastVerb ? TimelineKind.NextStep : TimelineKind.Event,
            };
            var date = Resolve(match, published, kind);
            if (IsAbsolute(match) && date is not null)
            {
                kind = published is { } p && Start(date) > p ? TimelineKind.NextStep : TimelineKind.Event;
            }

            found.Add(new DateExpression(span, match.Value, date, kind));
        }

        return found;
    }

    private static int Direction(Match m)
    {
        var rel = m.Groups["rel"].Success ? m.Groups["rel"].Value.ToLowerInvariant() : m.Groups["day"].Value.ToLowerInvariant();
        if (m.Groups["in"].Success || rel is "tomorrow" or "next" or "later this" or "coming" or "this coming")
        {
            return 1;
        }

        return rel is "yesterday" or "last" or "earlier this" ? -1 : 0;
    }

    private static bool IsAbsolute(Match m) => m.Groups["y"].Success;

    private static string? Resolve(Match m, DateOnly? published, TimelineKind kind)
    {
        var forward = kind == TimelineKind.NextStep;
        if (m.Groups["y"].Success)
        {
            var year = int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture);
            if (m.Groups["mon"].Success && m.Groups["d"].Success)
            {
                return DayIso(year, Month(m), int.Parse(m.Groups["d"].Value, CultureInfo.InvariantCulture));
            }

            if (m.Groups["mon"].Success)
            {
                return $"{year:D4}-{Month(m):D2}";
            }

            if (m.Groups["m"].Success)
            {
                return DayIso(year, int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups["d"].Value, CultureInfo.InvariantCulture));
            }

            return $"{year:D4}";
        }

        if (published is not { } p)
        {
            return null;
        }

        if (m.Groups["mon"].Success)
        {
            var month = Month(m);
            var year = forward ? (month >= p.Month ? p.Year : p.Year + 1) : (month <= p.Month ? p.Year : p.Year - 1);
            return m.Groups["d"].Success ? DayIso(year, month, int.Parse(m.Groups["d"].Value, CultureInfo.InvariantCulture)) : $"{year:D4}-{month:D2}";
        }

        if (m.Groups["wd"].Success)
        {
            var target = (DayOfWeek)((Array.IndexOf(Weekdays, m.Groups["wd"].Value) + 1) % 7);
            var rel = m.Groups["rel"].Value.ToLowerInvariant();
            var delta = ((int)target - (int)p.DayOfWeek + 7) % 7;
            var date = rel switch
            {
                "next" => NextWeekMonday(p).AddDays(((int)target + 6) % 7),
                "last" => NextWeekMonday(p).AddDays(-14 + ((int)target + 6) % 7),
                _ when forward => p.AddDays(delta),
                _ => p.AddDays(delta == 0 ? 0 : delta - 7),
            };
            return Iso(date);
        }

        if (m.Groups["day"].Success)
        {
            return m.Groups["day"].Value.ToLowerInvariant() switch
            {
                "yesterday" => Iso(p.AddDays(-1)),
                "tomorrow" => Iso(p.AddDays(1)),
                _ => Iso(p),
            };
        }

        if (m.Groups["in"].Success)
        {
            var n = int.TryParse(m.Groups["n"].Value, out var digits) ? digits : Numbers[m.Groups["n"].Value];
            return m.Groups["unit"].Value.ToLowerInvariant().TrimEnd('s') switch
            {
                "day" => Iso(p.AddDays(n)),
                "week" => WeekIso(p.AddDays(7 * n)),
                "month" => MonthIso(p.AddMonths(n)),
                _ => $"{p.Year + n:D4}",
            };
        }

        var unit = m.Groups["unit"].Value.ToLowerInvariant();
        var step = m.Groups["rel"].Value.ToLowerInvariant() switch { "next" or "coming" or "this coming" => 1, "last" => -1, _ => 0 };
        return unit switch
        {
            "week" => WeekIso(p.AddDays(7 * step)),
            "weekend" => Iso(p.AddDays(((int)DayOfWeek.Saturday - (int)p.DayOfWeek + 7) % 7 + 7 * Math.Min(step, 0))),
            "month" => MonthIso(p.AddMonths(step)),
            _ => $"{p.Year + step:D4}",
        };
    }

    /// <summary>The first day a resolved ISO date (day, week, month or year) stands for.</summary>
    public static DateOnly Start(string iso)
    {
        if (iso.Contains("-W", StringComparison.Ordinal))
        {
            var parts = iso.Split("-W");
            var monday = ISOWeek.ToDateTime(int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture), DayOfWeek.Monday);
            return DateOnly.FromDateTime(monday);
        }

        var fields = iso.Split('-').Select(f => int.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        return new DateOnly(fields[0], fields.Length > 1 ? fields[1] : 1, fields.Length > 2 ? fields[2] : 1);
    }

    private static int Month(Match m)
    {
        var name = m.Groups["mon"].Value;
        return Array.FindIndex(Months, x => x.StartsWith(name.TrimEnd('.'), StringComparison.OrdinalIgnoreCase)) + 1;
    }

    private static DateOnly NextWeekMonday(DateOnly p) => p.AddDays(7 - ((int)p.DayOfWeek + 6) % 7);

    private static string? DayIso(int year, int month, int day) =>
        month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month) ? $"{year:D4}-{month:D2}-{day:D2}" : null;

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string MonthIso(DateOnly d) => d.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private static string WeekIso(DateOnly d)
    {
        var dt = d.ToDateTime(TimeOnly.MinValue);
        return $"{ISOWeek.GetYear(dt):D4}-W{ISOWeek.GetWeekOfYear(dt):D2}";
    }

    private const string MonthNames = "January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec";

    private const string WeekdayNames = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday";

    [GeneratedRegex(
        @"\b(?<y>(?:19|20)\d{2})-(?<m>\d{2})-(?<d>\d{2})\b" +
        @"|\b(?<d>\d{1,2})(?:st|nd|rd|th)? (?<mon>" + MonthNames + @")\b(?: (?<y>(?:19|20)\d{2})\b)?" +
        @"|\b(?<mon>" + MonthNames + @") (?<d>\d{1,2})(?:st|nd|rd|th)?\b(?:, (?<y>(?:19|20)\d{2})\b)?" +
        @"|\b(?:(?:in|by|from|until|since|before|after|during|early|late|mid|of) (?:early |late |mid-)?)(?<mon>" + MonthNames + @")\b(?: (?<y>(?:19|20)\d{2})\b)?" +
        @"|\b(?<mon>" + MonthNames + @") (?<y>(?:19|20)\d{2})\b" +
        @"|\b(?:in|by|since|before|after|until|from|during) (?<y>(?:19|20)\d{2})\b" +
        @"|\b(?<in>in) (?<n>a|an|one|two|three|four|five|six|seven|eight|nine|ten|few|several|\d{1,2}) (?<unit>days?|weeks?|months?|years?)\b" +
        @"|\b(?<day>today|tonight|tomorrow|yesterday)\b" +
        @"|\b(?<rel>next|last|this coming|coming|earlier this|later this|this) (?:(?<unit>week|month|year|weekend)|(?<wd>" + WeekdayNames + @"))\b" +
        @"|\b(?:on )?(?<wd>" + WeekdayNames + @")\b",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Expression();

    [GeneratedRegex(@"\b(?:will|'ll|’ll|shall|plans? to|planned to|expects? to|expected to|is due|are due|due to|(?:is|are) set to|intends? to|scheduled|upcoming|would|aims? to|is to|are to)\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex FutureCue();

    [GeneratedRegex(@"\b(?:said|told|warned|announced|claimed|added|stated|confirmed|revealed|reported)(?: \S+){0,2} $", RegexOptions.CultureInvariant)]
    private static partial Regex PastVerbBefore();
}

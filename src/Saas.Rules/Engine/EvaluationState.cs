using System.Globalization;
using Saas.Rules.Definitions;

namespace Saas.Rules.Engine;

/// <summary>The text fields a condition can read, as the evaluation addresses them.</summary>
internal enum TextField
{
    Subject,
    LastCustomerMessage,
    AnyMessage,
    Channel,
    Via,
    Language,
    CustomerEmail,
    CustomerEmailDomain,
    Status,
    Priority,
    AssigneeUser,
    AssigneeTeam,
}

/// <summary>
/// One evaluation's view of the ticket: every text source (subject, each message, each short field) is folded at most
/// once and scanned by the rule set's phrase matcher at most once, on first use, however many rules read it.
/// </summary>
internal sealed class EvaluationState
{
    private const int FirstMessage = 10; // sources 0..9 are the single-valued fields, then one per message.
    private const int NoSource = -1;

    private readonly PhraseMatcher _matcher;
    private readonly FoldedText?[] _folded;
    private readonly SourceHits?[] _hits;
    private readonly int _lastCustomer;
    private string[]? _messageLabels;
    private HashSet<string>? _foldedTags;
    private bool? _inBusinessHours;

    public EvaluationState(TicketSnapshot ticket, RuleEvaluationContext context, PhraseMatcher matcher)
    {
        Ticket = ticket;
        Context = context;
        _matcher = matcher;
        var sources = FirstMessage + ticket.Messages.Count;
        _folded = new FoldedText?[sources];
        _hits = new SourceHits?[sources];
        _lastCustomer = NoSource;
        for (var i = ticket.Messages.Count - 1; i >= 0; i--)
        {
            if (!ticket.Messages[i].FromAgent)
            {
                _lastCustomer = FirstMessage + i;
                break;
            }
        }
    }

    public TicketSnapshot Ticket { get; }

    public RuleEvaluationContext Context { get; }

    public static TextField ToTextField(string field) => field switch
    {
        RuleFields.Subject => TextField.Subject,
        RuleFields.LastCustomerMessage => TextField.LastCustomerMessage,
        RuleFields.AnyMessage => TextField.AnyMessage,
        RuleFields.Channel => TextField.Channel,
        RuleFields.Via => TextField.Via,
        RuleFields.Language => TextField.Language,
        RuleFields.CustomerEmail => TextField.CustomerEmail,
        RuleFields.CustomerEmailDomain => TextField.CustomerEmailDomain,
        RuleFields.Status => TextField.Status,
        RuleFields.Priority => TextField.Priority,
        RuleFields.AssigneeUser => TextField.AssigneeUser,
        RuleFields.AssigneeTeam => TextField.AssigneeTeam,
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "Not a text field."),
    };

    /// <summary>How many texts the field is made of (any_message: the subject and every message; others: one).</summary>
    public int SourceCount(TextField field) => field == TextField.AnyMessage ? 1 + Ticket.Messages.Count : 1;

    /// <summary>The k-th text source of the field and its label for the trace.</summary>
    public (int Source, string Where) Source(TextField field, int k) => field switch
    {
        TextField.Subject => (0, RuleFields.Subject),
        TextField.LastCustomerMessage => (_lastCustomer, RuleFields.LastCustomerMessage),
        TextField.AnyMessage => k == 0 ? (0, RuleFields.Subject) : (FirstMessage + k - 1, MessageLabel(k - 1)),
        TextField.Channel => (1, RuleFields.Channel),
        TextField.Via => (2, RuleFields.Via),
        TextField.Language => (3, RuleFields.Language),
        TextField.CustomerEmail => (4, RuleFields.CustomerEmail),
        TextField.CustomerEmailDomain => (5, RuleFields.CustomerEmailDomain),
        TextField.Status => (6, RuleFields.Status),
        TextField.Priority => (7, RuleFields.Priority),
        TextField.AssigneeUser => (8, RuleFields.AssigneeUser),
        _ => (9, RuleFields.AssigneeTeam),
    };

    /// <summary>The original text of a source ("" when absent).</summary>
    public string Raw(int source) => source switch
    {
        NoSource => string.Empty,
        0 => Ticket.Subject ?? string.Empty,
        1 => Ticket.Channel ?? string.Empty,
        2 => Ticket.Via ?? string.Empty,
        3 => Ticket.Language ?? string.Empty,
        4 => Ticket.CustomerEmail ?? string.Empty,
        5 => EmailDomain(Ticket.CustomerEmail),
        6 => Ticket.Status ?? string.Empty,
        7 => Ticket.Priority ?? string.Empty,
        8 => Ticket.AssigneeUserEmail ?? string.Empty,
        9 => Ticket.AssigneeTeamId?.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
        _ => Ticket.Messages[source - FirstMessage].Text ?? string.Empty,
    };

    /// <summary>The folded text of a source, folded on first use.</summary>
    public FoldedText Folded(int source)
    {
        if (source == NoSource)
        {
            return FoldedText.Empty;
        }

        return _folded[source] ??= TextFolding.FoldWithMap(Raw(source));
    }

    /// <summary>Every phrase of the rule set found in the source (each term once, at its first occurrence), scanned on first use.</summary>
    public SourceHits Hits(int source)
    {
        if (source == NoSource)
        {
            return SourceHits.None;
        }

        if (_hits[source] is { } cached)
        {
            return cached;
        }

        var hits = new List<PhraseHit>();
        _matcher.Scan(Folded(source).Folded, ref hits, static (ref List<PhraseHit> list, PhraseHit hit) =>
        {
            foreach (var existing in list)
            {
                if (existing.TermId == hit.TermId)
                {
                    return;
                }
            }

            list.Add(hit);
        });
        return _hits[source] = hits.Count == 0 ? SourceHits.None : new SourceHits(hits, _matcher.TermCount, Folded(source));
    }

    /// <summary>Whether the ticket was created inside business hours (it has a creation time), computed once.</summary>
    public bool InBusinessHours(DateTimeOffset createdAt) => _inBusinessHours ??= Context.BusinessHours.Contains(createdAt);

    /// <summary>The ticket's tags, folded, computed once.</summary>
    public HashSet<string> FoldedTags => _foldedTags ??= [.. Ticket.Tags.Select(TextFolding.Fold).Where(t => t.Length > 0)];

    private string MessageLabel(int index)
    {
        _messageLabels ??= new string[Ticket.Messages.Count];
        return _messageLabels[index] ??= Ticket.Messages[index].Id != 0
            ? string.Create(CultureInfo.InvariantCulture, $"message:{Ticket.Messages[index].Id}")
            : string.Create(CultureInfo.InvariantCulture, $"message[{index}]");
    }

    private static string EmailDomain(string? email)
    {
        if (string.IsNullOrEmpty(email))
        {
            return string.Empty;
        }

        var at = email.LastIndexOf('@');
        return at < 0 ? string.Empty : email[(at + 1)..].Trim().ToLowerInvariant();
    }
}

/// <summary>
/// The phrases found in one text: a bit per term of the rule set for O(1) "was it found?", the hits, and the original
/// words of each hit (cut once, however many rules report it).
/// </summary>
internal sealed class SourceHits
{
    private readonly ulong[] _bits;
    private readonly List<PhraseHit> _hits;
    private readonly FoldedText? _text;
    private readonly string?[] _originals;

    public static SourceHits None { get; } = new([], 0, null);

    public SourceHits(List<PhraseHit> hits, int termCount, FoldedText? text)
    {
        _hits = hits;
        _text = text;
        _originals = new string?[hits.Count];
        _bits = new ulong[(termCount + 63) / 64];
        foreach (var hit in hits)
        {
            _bits[hit.TermId >> 6] |= 1UL << (hit.TermId & 63);
        }
    }

    public int Count => _hits.Count;

    public bool Has(int termId) => (_bits[termId >> 6] & (1UL << (termId & 63))) != 0;

    /// <summary>The original words of the first hit of a term known to be present (<see cref="Has"/>).</summary>
    public string OriginalOf(int termId)
    {
        for (var i = 0; i < _hits.Count; i++)
        {
            if (_hits[i].TermId == termId)
            {
                return _originals[i] ??= _text!.OriginalSlice(_hits[i].Start, _hits[i].End);
            }
        }

        throw new InvalidOperationException("The term was not found in this text.");
    }
}

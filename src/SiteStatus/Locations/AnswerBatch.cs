using System.Collections.Generic;
using SiteStatus.Checking;

namespace SiteStatus.Locations;

/// <summary>
/// The far side of a location (-ResultBatch): the results ready at once go back as one message instead of one by one,
/// so that results cross a session in few messages. Test-SiteStatus's checks as one packed text
/// (<see cref="PackedOutcomes"/>), which the caller turns back into results; other results as one array.
/// </summary>
internal sealed class AnswerBatch
{
    private readonly List<(SiteStatusResult Result, bool CutByRunDeadline)> _checks = [];
    private readonly List<object> _results = [];

    /// <summary>Keeps a check for the next packed text.</summary>
    public void AddCheck(ProbeOutcome outcome) => _checks.Add((new SiteStatusResult(outcome, null), outcome.CutByRunDeadline));

    /// <summary>Keeps a result for the next array.</summary>
    public void AddResult(object result) => _results.Add(result);

    /// <summary>The messages to write now, each as one object: none when nothing waits. A batch is never held back waiting for more.</summary>
    public IReadOnlyList<object> Take()
    {
        if (_checks.Count == 0 && _results.Count == 0)
        {
            return [];
        }

        var messages = new List<object>(2);
        if (_checks.Count > 0)
        {
            messages.Add(PackedOutcomes.Pack(_checks));
            _checks.Clear();
        }

        if (_results.Count > 0)
        {
            messages.Add(_results.ToArray());
            _results.Clear();
        }

        return messages;
    }
}

using System.Collections.Generic;

namespace SiteStatus;

/// <summary>The conditions of one result; as text (a CSV cell, say) they read "condition: passed (value); ...".</summary>
public sealed class SiteConditionList : TextList<SiteCondition>
{
    /// <summary>The list of a result with no conditions: one for all, as it can never change.</summary>
    internal static readonly SiteConditionList None = new([]);

    internal SiteConditionList(IList<SiteCondition> conditions)
        : base(conditions, "; ")
    {
    }
}

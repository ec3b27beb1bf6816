namespace SiteStatus.Checking.Conditions;

/// <summary>When a condition can be judged.</summary>
internal enum ConditionStage
{
    /// <summary>On the final answer: its headers and the start of its body.</summary>
    Answer,

    /// <summary>Once the check is over: its whole time, the certificate it saw.</summary>
    CheckOver,
}

/// <summary>
/// One condition a site's answer must meet, judged once its status code is one that counts as up. Every condition of a
/// site is judged, a failing one never hiding another, and each records what it found in the result's Conditions.
/// A new kind is one file beside this one, plus the setting that makes it.
/// </summary>
internal interface ISiteCondition
{
    /// <summary>The condition as Conditions shows it: <c>status == UP</c>, <c>ResponseTimeMs &lt;= 300</c>.</summary>
    string Text { get; }

    /// <summary>The setting (the parameter, and the column of a sites file) that makes conditions of this kind.</summary>
    string Setting { get; }

    ConditionStage Stage { get; }

    /// <summary>Whether judging it reads the start of the body (so the check cannot ask with HEAD).</summary>
    bool ReadsBody { get; }

    /// <summary>Whether judging it needs the server's certificate (so the check needs a connection of its own).</summary>
    bool SeesCertificate { get; }

    ConditionOutcome Evaluate(ConditionFacts facts);
}

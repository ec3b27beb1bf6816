using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using SiteStatus.Checking;

namespace SiteStatus.Commands;

/// <summary>Completes -UserAgent with the names of its presets.</summary>
public sealed class UserAgentCompleter : IArgumentCompleter
{
    /// <inheritdoc/>
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
        UserAgents.Presets
            .Where(preset => preset.Key.StartsWith(wordToComplete ?? string.Empty, System.StringComparison.OrdinalIgnoreCase))
            .Select(preset => new CompletionResult(preset.Key, preset.Key, CompletionResultType.ParameterValue, preset.Value));
}

#if !NET7_0_OR_GREATER
namespace System.Runtime.CompilerServices;

// Let init-only setters and required members compile for netstandard2.0; the runtime never looks at them.

/// <summary>Marks init-only setters.</summary>
internal static class IsExternalInit
{
}

/// <summary>Marks a type with required members.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct | AttributeTargets.Field | AttributeTargets.Property, Inherited = false)]
internal sealed class RequiredMemberAttribute : Attribute
{
}

/// <summary>Names a compiler feature a member needs.</summary>
[AttributeUsage(AttributeTargets.All, AllowMultiple = true, Inherited = false)]
internal sealed class CompilerFeatureRequiredAttribute(string featureName) : Attribute
{
    public string FeatureName { get; } = featureName;
}
#endif

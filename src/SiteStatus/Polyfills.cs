#if !NET7_0_OR_GREATER
// Let init-only setters and required members compile for netstandard2.0; the runtime never looks at them.
namespace System.Runtime.CompilerServices
{
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
}

namespace System.Diagnostics.CodeAnalysis
{
    /// <summary>Marks a constructor that sets every required member (a record's copy constructor).</summary>
    [AttributeUsage(AttributeTargets.Constructor, AllowMultiple = false, Inherited = false)]
    internal sealed class SetsRequiredMembersAttribute : Attribute
    {
    }
}
#endif

#if !NET5_0_OR_GREATER
namespace System.Runtime.CompilerServices;

/// <summary>Lets init-only setters compile for netstandard2.0; the runtime never looks at it.</summary>
internal static class IsExternalInit
{
}
#endif

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace SiteStatus.Tests;

/// <summary>
/// One use of another assembly's type, or of a member of it, by a type of the assembly read. User is the type's full
/// name (Outer+Nested for nested and compiler-made types: lambdas, iterators, async state machines), UserNamespace the
/// namespace it is declared in.
/// </summary>
internal sealed record ForeignUse(string User, string UserNamespace, string Assembly, string Type, string? Member);

/// <summary>
/// Reads, from an assembly's metadata and IL without loading it, every use each of its types makes of other
/// assemblies' types: base types, interfaces, generic constraints, attributes, the signatures of its fields, properties,
/// events and methods, and in method bodies their locals, caught exceptions and every type, method and field token.
/// </summary>
internal static class ForeignUses
{
    // Operand kind of each opcode, to step over operands that are not tokens.
    private static readonly Dictionary<int, OperandType> Operands = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(field => (OpCode)field.GetValue(null)!)
        .ToDictionary(code => code.Value & 0xFFFF, code => code.OperandType);

    public static IReadOnlyList<ForeignUse> Read(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();
        var uses = new List<ForeignUse>();
        foreach (var handle in reader.TypeDefinitions)
        {
            new TypeReader(pe, reader, handle, uses).ReadAll();
        }

        return uses;
    }

    private sealed class TypeReader : ISignatureTypeProvider<string, object?>
    {
        private readonly PEReader _pe;
        private readonly MetadataReader _reader;
        private readonly TypeDefinition _type;
        private readonly List<ForeignUse> _uses;
        private readonly string _user;
        private readonly string _userNamespace;

        public TypeReader(PEReader pe, MetadataReader reader, TypeDefinitionHandle handle, List<ForeignUse> uses)
        {
            _pe = pe;
            _reader = reader;
            _type = reader.GetTypeDefinition(handle);
            _uses = uses;
            var outer = _type;
            var name = reader.GetString(_type.Name);
            while (outer.IsNested)
            {
                outer = reader.GetTypeDefinition(outer.GetDeclaringType());
                name = reader.GetString(outer.Name) + "+" + name;
            }

            _userNamespace = reader.GetString(outer.Namespace);
            _user = _userNamespace.Length == 0 ? name : _userNamespace + "." + name;
        }

        public void ReadAll()
        {
            Entity(_type.BaseType);
            foreach (var handle in _type.GetInterfaceImplementations())
            {
                Entity(_reader.GetInterfaceImplementation(handle).Interface);
            }

            GenericParameters(_type.GetGenericParameters());
            Attributes(_type.GetCustomAttributes());
            foreach (var handle in _type.GetFields())
            {
                var field = _reader.GetFieldDefinition(handle);
                field.DecodeSignature(this, null);
                Attributes(field.GetCustomAttributes());
            }

            foreach (var handle in _type.GetProperties())
            {
                var property = _reader.GetPropertyDefinition(handle);
                property.DecodeSignature(this, null);
                Attributes(property.GetCustomAttributes());
            }

            foreach (var handle in _type.GetEvents())
            {
                var @event = _reader.GetEventDefinition(handle);
                Entity(@event.Type);
                Attributes(@event.GetCustomAttributes());
            }

            foreach (var handle in _type.GetMethods())
            {
                Method(_reader.GetMethodDefinition(handle));
            }
        }

        private void Method(MethodDefinition method)
        {
            method.DecodeSignature(this, null);
            GenericParameters(method.GetGenericParameters());
            Attributes(method.GetCustomAttributes());
            foreach (var handle in method.GetParameters())
            {
                Attributes(_reader.GetParameter(handle).GetCustomAttributes());
            }

            if (method.RelativeVirtualAddress == 0)
            {
                return;
            }

            var body = _pe.GetMethodBody(method.RelativeVirtualAddress);
            if (!body.LocalSignature.IsNil)
            {
                _reader.GetStandaloneSignature(body.LocalSignature).DecodeLocalSignature(this, null);
            }

            foreach (var region in body.ExceptionRegions)
            {
                Entity(region.CatchType);
            }

            var il = body.GetILReader();
            while (il.RemainingBytes > 0)
            {
                int code = il.ReadByte();
                if (code == 0xFE)
                {
                    code = 0xFE00 | il.ReadByte();
                }

                switch (Operands[code])
                {
                    case OperandType.InlineField:
                    case OperandType.InlineMethod:
                    case OperandType.InlineTok:
                    case OperandType.InlineType:
                    case OperandType.InlineSig:
                        Entity(MetadataTokens.EntityHandle(il.ReadInt32()));
                        break;
                    case OperandType.InlineSwitch:
                        var targets = il.ReadInt32();
                        il.Offset += 4 * targets;
                        break;
                    case OperandType.InlineI8:
                    case OperandType.InlineR:
                        il.Offset += 8;
                        break;
                    case OperandType.InlineBrTarget:
                    case OperandType.InlineI:
                    case OperandType.InlineString:
                    case OperandType.ShortInlineR:
                        il.Offset += 4;
                        break;
                    case OperandType.InlineVar:
                        il.Offset += 2;
                        break;
                    case OperandType.ShortInlineBrTarget:
                    case OperandType.ShortInlineI:
                    case OperandType.ShortInlineVar:
                        il.Offset += 1;
                        break;
                    case OperandType.InlineNone:
                        break;
                    default:
                        throw new InvalidOperationException($"Opcode 0x{code:X} has an operand this reader does not know.");
                }
            }
        }

        private void GenericParameters(GenericParameterHandleCollection parameters)
        {
            foreach (var handle in parameters)
            {
                foreach (var constraint in _reader.GetGenericParameter(handle).GetConstraints())
                {
                    Entity(_reader.GetGenericParameterConstraint(constraint).Type);
                }
            }
        }

        private void Attributes(CustomAttributeHandleCollection attributes)
        {
            foreach (var handle in attributes)
            {
                Entity(_reader.GetCustomAttribute(handle).Constructor);
            }
        }

        private void Entity(EntityHandle handle)
        {
            if (handle.IsNil)
            {
                return;
            }

            switch (handle.Kind)
            {
                case HandleKind.TypeReference:
                    Reference((TypeReferenceHandle)handle, null);
                    break;
                case HandleKind.TypeSpecification:
                    _reader.GetTypeSpecification((TypeSpecificationHandle)handle).DecodeSignature(this, null);
                    break;
                case HandleKind.MemberReference:
                    var member = _reader.GetMemberReference((MemberReferenceHandle)handle);
                    if (member.Parent.Kind == HandleKind.TypeReference)
                    {
                        Reference((TypeReferenceHandle)member.Parent, _reader.GetString(member.Name));
                    }
                    else
                    {
                        Entity(member.Parent);
                    }

                    if (member.GetKind() == MemberReferenceKind.Method)
                    {
                        member.DecodeMethodSignature(this, null);
                    }
                    else
                    {
                        member.DecodeFieldSignature(this, null);
                    }

                    break;
                case HandleKind.MethodDefinition:
                    _reader.GetMethodDefinition((MethodDefinitionHandle)handle).DecodeSignature(this, null);
                    break;
                case HandleKind.FieldDefinition:
                    _reader.GetFieldDefinition((FieldDefinitionHandle)handle).DecodeSignature(this, null);
                    break;
                case HandleKind.MethodSpecification:
                    var specification = _reader.GetMethodSpecification((MethodSpecificationHandle)handle);
                    Entity(specification.Method);
                    specification.DecodeSignature(this, null);
                    break;
                case HandleKind.StandaloneSignature:
                    var signature = _reader.GetStandaloneSignature((StandaloneSignatureHandle)handle);
                    if (signature.GetKind() == StandaloneSignatureKind.Method)
                    {
                        signature.DecodeMethodSignature(this, null);
                    }
                    else
                    {
                        signature.DecodeLocalSignature(this, null);
                    }

                    break;
            }
        }

        // Records a type of another assembly (its outermost type's resolution scope is an assembly reference).
        private string Reference(TypeReferenceHandle handle, string? member)
        {
            var type = _reader.GetTypeReference(handle);
            var name = _reader.GetString(type.Name);
            while (type.ResolutionScope.Kind == HandleKind.TypeReference)
            {
                type = _reader.GetTypeReference((TypeReferenceHandle)type.ResolutionScope);
                name = _reader.GetString(type.Name) + "+" + name;
            }

            var ns = _reader.GetString(type.Namespace);
            name = ns.Length == 0 ? name : ns + "." + name;
            if (type.ResolutionScope.Kind == HandleKind.AssemblyReference)
            {
                var assembly = _reader.GetString(_reader.GetAssemblyReference((AssemblyReferenceHandle)type.ResolutionScope).Name);
                _uses.Add(new ForeignUse(_user, _userNamespace, assembly, name, member));
            }

            return name;
        }

        public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => Reference(handle, null);

        public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) =>
            reader.GetString(reader.GetTypeDefinition(handle).Name);

        public string GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) =>
            reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);

        public string GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode.ToString();

        public string GetSZArrayType(string elementType) => elementType + "[]";

        public string GetArrayType(string elementType, ArrayShape shape) => elementType + "[" + new string(',', shape.Rank - 1) + "]";

        public string GetByReferenceType(string elementType) => elementType + "&";

        public string GetPointerType(string elementType) => elementType + "*";

        public string GetPinnedType(string elementType) => elementType;

        public string GetModifiedType(string modifier, string unmodifiedType, bool isRequired) => unmodifiedType;

        public string GetGenericInstantiation(string genericType, ImmutableArray<string> typeArguments) =>
            genericType + "<" + string.Join(",", typeArguments) + ">";

        public string GetGenericTypeParameter(object? genericContext, int index) => "!" + index;

        public string GetGenericMethodParameter(object? genericContext, int index) => "!!" + index;

        public string GetFunctionPointerType(MethodSignature<string> signature) => "method*";
    }
}

using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

// The nanoFramework build gate, run on every assembly a type-gate project compiles (see
// tools/msbuild/NanoTypeCheck.targets). It reads the compiled assembly's metadata and IL and reports, in
// MSBuild's canonical error format (so the build fails with a readable message):
//  NANO001  generics (nanoFramework 1.x runs none; mscorlib 1.17.11 still declares Action<T> & co.)
//  NANO002  reference-type array slots that are never assigned     } the nanoCLR's runtime traps,
//  NANO003  UTF-16 surrogates tested through the string indexer     } see TrapScanner.cs
//  NANO004  U+0000 in a string literal                              }
//  NANO005  a nano PE table estimated above --size-limit percent of 64 KiB (SizeEstimator.cs)
// Usage: SmartLamp.NanoGate [--size-limit PERCENT] <assembly.dll>

int sizeLimit = 75;
string? path = null;
for (int a = 0; a < args.Length; a++)
{
    if (args[a] == "--size-limit" && a + 1 < args.Length && int.TryParse(args[a + 1], out sizeLimit)) a++;
    else path = args[a];
}

if (path == null || !File.Exists(path))
{
    Console.Error.WriteLine("usage: SmartLamp.NanoGate [--size-limit PERCENT] <assembly.dll>");
    return 2;
}

using var stream = File.OpenRead(path);
using var pe = new PEReader(stream);
var md = pe.GetMetadataReader();
var names = new NameProvider(md);
string file = Path.GetFileName(path);
int errors = 0;

foreach (var e in GenericScanner.Scan(md, names))
{
    Console.WriteLine($"{path} : error NANO001: {e} (nanoFramework 1.x runs no generics; use arrays, ArrayList or a named delegate)");
    errors++;
}

foreach (var e in TrapScanner.Scan(md, pe, names))
{
    Console.WriteLine($"{path} : error {e}");
    errors++;
}

var sizes = SizeEstimator.Estimate(md, pe);
int max = SizeEstimator.Limit * sizeLimit / 100;
foreach (var (table, value) in new[] { ("ByteCode", sizes.ByteCode), ("Strings", sizes.Strings), ("Signatures", sizes.Signatures) })
{
    if (value > max)
    {
        Console.WriteLine($"{path} : error NANO005: nano PE {table} table estimated at {value:N0} B, over {sizeLimit}% of the MetadataProcessor's 65,535 B limit ({max:N0} B): move a capability folder into another core assembly (docs/nanoframework.md)");
        errors++;
    }
}

Console.WriteLine($"NanoGate: {file}: {(errors == 0 ? "no generics, no runtime traps" : errors + " error(s)")}; estimated nano PE ByteCode {sizes.ByteCode:N0} B ({100.0 * sizes.ByteCode / SizeEstimator.Limit:F1}%), Strings {sizes.Strings:N0} B ({100.0 * sizes.Strings / SizeEstimator.Limit:F1}%), Signatures {sizes.Signatures:N0} B ({100.0 * sizes.Signatures / SizeEstimator.Limit:F1}%), gate {sizeLimit}%");
return errors == 0 ? 0 : 1;

static class GenericScanner
{
    public static List<string> Scan(MetadataReader md, NameProvider provider)
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);

        foreach (var h in md.TypeDefinitions)
        {
            var td = md.GetTypeDefinition(h);
            if (td.GetGenericParameters().Count > 0)
                found.Add($"generic type definition {FullName(md, td)}");
            foreach (var mh in td.GetMethods())
            {
                var m = md.GetMethodDefinition(mh);
                if (m.GetGenericParameters().Count > 0)
                    found.Add($"generic method definition {FullName(md, td)}.{md.GetString(m.Name)}");
            }
        }

        for (int row = 1; row <= md.GetTableRowCount(TableIndex.MethodSpec); row++)
        {
            var spec = md.GetMethodSpecification(MetadataTokens.MethodSpecificationHandle(row));
            found.Add($"generic method instantiation {MemberName(md, provider, spec.Method)}");
        }

        for (int row = 1; row <= md.GetTableRowCount(TableIndex.TypeSpec); row++)
        {
            var handle = MetadataTokens.TypeSpecificationHandle(row);
            var decoded = md.GetTypeSpecification(handle).DecodeSignature(provider, null);
            if (decoded.Contains('<'))
                found.Add($"generic type instantiation {decoded}");
        }
        return found.ToList();
    }

    public static string FullName(MetadataReader md, TypeDefinition td)
    {
        var ns = md.GetString(td.Namespace);
        var name = md.GetString(td.Name);
        return ns.Length == 0 ? name : ns + "." + name;
    }

    public static string MemberName(MetadataReader md, NameProvider provider, EntityHandle h)
    {
        switch (h.Kind)
        {
            case HandleKind.MethodDefinition:
                var def = md.GetMethodDefinition((MethodDefinitionHandle)h);
                return FullName(md, md.GetTypeDefinition(def.GetDeclaringType())) + "." + md.GetString(def.Name);
            case HandleKind.MemberReference:
                var mr = md.GetMemberReference((MemberReferenceHandle)h);
                string parent = mr.Parent.Kind switch
                {
                    HandleKind.TypeReference => provider.GetTypeFromReference(md, (TypeReferenceHandle)mr.Parent, 0),
                    HandleKind.TypeDefinition => provider.GetTypeFromDefinition(md, (TypeDefinitionHandle)mr.Parent, 0),
                    HandleKind.TypeSpecification => provider.GetTypeFromSpecification(md, null, (TypeSpecificationHandle)mr.Parent, 0),
                    _ => "?",
                };
                return parent + "." + md.GetString(mr.Name);
            default:
                return h.Kind.ToString();
        }
    }
}

sealed class NameProvider : ISignatureTypeProvider<string, object?>
{
    readonly MetadataReader _md;
    public NameProvider(MetadataReader md) => _md = md;
    public string GetArrayType(string elementType, ArrayShape shape) => elementType + "[" + new string(',', shape.Rank - 1) + "]";
    public string GetByReferenceType(string elementType) => elementType + "&";
    public string GetFunctionPointerType(MethodSignature<string> signature) => "fnptr";
    public string GetGenericInstantiation(string genericType, System.Collections.Immutable.ImmutableArray<string> typeArguments)
        => genericType + "<" + string.Join(",", typeArguments) + ">";
    public string GetGenericMethodParameter(object? genericContext, int index) => "!!" + index;
    public string GetGenericTypeParameter(object? genericContext, int index) => "!" + index;
    public string GetModifiedType(string modifier, string unmodifiedType, bool isRequired) => unmodifiedType;
    public string GetPinnedType(string elementType) => elementType;
    public string GetPointerType(string elementType) => elementType + "*";
    public string GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode.ToString();
    public string GetSZArrayType(string elementType) => elementType + "[]";
    public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind)
    {
        var td = reader.GetTypeDefinition(handle);
        return reader.GetString(td.Namespace) + "." + reader.GetString(td.Name);
    }
    public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind)
    {
        var tr = reader.GetTypeReference(handle);
        return reader.GetString(tr.Namespace) + "." + reader.GetString(tr.Name);
    }
    public string GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind)
        => reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);
}

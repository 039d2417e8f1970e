// Extracts the public key that AdaptiveCards.Compat is public-signed with.
//
// Usage:  dotnet run eng/AdaptiveCards.Compat/KeyTool/ExtractPublicKey.cs -- <Microsoft.Bot.Schema .nupkg or .dll> <output .snk>
//
// Reads Microsoft.Bot.Schema.dll's own assembly metadata (its public key, 160 bytes, token
// 31bf3856ad364e35), checks that the dll references AdaptiveCards 1.2.0.0 with that same
// token, and writes the public-key blob (only; there is no private key) as the .snk file.
// Called by eng/build-adaptivecards-compat.sh.
#:property TargetFramework=net10.0
#:property Nullable=enable
#:property ImplicitUsings=enable
#:property PublishAot=false

using System.IO.Compression;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Security.Cryptography;

const string ExpectedToken = "31bf3856ad364e35";
var expectedAdaptiveCardsVersion = new Version(1, 2, 0, 0);

if (args.Length != 2)
{
    Console.Error.WriteLine("usage: ExtractPublicKey.cs <Microsoft.Bot.Schema .nupkg or .dll> <output .snk>");
    return 2;
}

var input = args[0];
var output = args[1];

byte[] dllBytes;
if (input.EndsWith(".nupkg", StringComparison.OrdinalIgnoreCase))
{
    using var zip = ZipFile.OpenRead(input);
    var entry = zip.Entries.FirstOrDefault(e =>
        e.FullName.Equals("lib/netstandard2.0/Microsoft.Bot.Schema.dll", StringComparison.OrdinalIgnoreCase))
        ?? throw new InvalidOperationException($"{input}: lib/netstandard2.0/Microsoft.Bot.Schema.dll not found");
    using var s = entry.Open();
    using var ms = new MemoryStream();
    s.CopyTo(ms);
    dllBytes = ms.ToArray();
}
else
{
    dllBytes = File.ReadAllBytes(input);
}

using var pe = new PEReader(new MemoryStream(dllBytes));
var md = pe.GetMetadataReader();
var asm = md.GetAssemblyDefinition();
var publicKey = md.GetBlobBytes(asm.PublicKey);
var token = TokenOf(publicKey);

Console.WriteLine($"assembly:        {md.GetString(asm.Name)}, Version={asm.Version}");
Console.WriteLine($"public key:      {publicKey.Length} bytes");
Console.WriteLine($"public key token: {token}");

if (publicKey.Length != 160)
{
    Console.Error.WriteLine($"error: expected a 160-byte public key, got {publicKey.Length}");
    return 1;
}
if (token != ExpectedToken)
{
    Console.Error.WriteLine($"error: expected token {ExpectedToken}, got {token}");
    return 1;
}

// Sanity check: the AdaptiveCards reference we are imitating.
var acRef = md.AssemblyReferences
    .Select(h => md.GetAssemblyReference(h))
    .Where(r => md.GetString(r.Name) == "AdaptiveCards")
    .Select(r => (AssemblyReference?)r)
    .FirstOrDefault();
if (acRef is null)
{
    Console.Error.WriteLine("error: Microsoft.Bot.Schema.dll has no reference to AdaptiveCards");
    return 1;
}
var refKeyOrToken = md.GetBlobBytes(acRef.Value.PublicKeyOrToken);
var refToken = refKeyOrToken.Length == 8 ? Convert.ToHexStringLower(refKeyOrToken) : TokenOf(refKeyOrToken);
Console.WriteLine($"references:      AdaptiveCards, Version={acRef.Value.Version}, PublicKeyToken={refToken}");
if (acRef.Value.Version != expectedAdaptiveCardsVersion || refToken != ExpectedToken)
{
    Console.Error.WriteLine($"error: expected AdaptiveCards reference Version={expectedAdaptiveCardsVersion}, PublicKeyToken={ExpectedToken}; update AdaptiveCards.Compat.csproj");
    return 1;
}

var outDir = Path.GetDirectoryName(Path.GetFullPath(output));
if (!string.IsNullOrEmpty(outDir))
{
    Directory.CreateDirectory(outDir);
}
if (File.Exists(output) && File.ReadAllBytes(output).AsSpan().SequenceEqual(publicKey))
{
    Console.WriteLine($"unchanged:       {output}");
}
else
{
    File.WriteAllBytes(output, publicKey);
    Console.WriteLine($"wrote:           {output}");
}
return 0;

// Public key token = last 8 bytes of SHA-1(public key blob), reversed.
static string TokenOf(byte[] key)
{
    var hash = SHA1.HashData(key);
    var last8 = hash[^8..];
    Array.Reverse(last8);
    return Convert.ToHexStringLower(last8);
}

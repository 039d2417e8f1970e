#!/usr/bin/env bash
# Rebuilds the AdaptiveCards compatibility package from scratch (idempotent).
#
# Why: Microsoft.Bot.Schema 4.23.1 (via Microsoft.Bot.Builder.Integration.AspNet.Core) depends on
# the NuGet package AdaptiveCards (>= 3.1.0), which the NuGet mirror we can reach does not serve.
# Bot.Schema only uses the type AdaptiveCards.AdaptiveCard (QuickViewResponse.Template) and binds
# to "AdaptiveCards, Version=1.2.0.0, Culture=neutral, PublicKeyToken=31bf3856ad364e35".
# eng/AdaptiveCards.Compat builds a placeholder assembly with exactly that identity, packed as
# AdaptiveCards 3.1.0 into the repo-local feed eng/packages/, which nuget.config maps the id
# AdaptiveCards to. The outputs (eng/AdaptiveCards.Compat/AdaptiveCards.snk and
# eng/packages/adaptivecards.3.1.0.nupkg) are committed, so a normal build never runs this script.
#
# Steps:
#   1. download Microsoft.Bot.Schema 4.23.1's .nupkg from the default source's flat container
#      (NUGET_SOURCE, default https://api.nuget.org/v3/index.json), or reuse it from the NuGet
#      global packages folder if it is there;
#   2. extract the public key (only; no private key exists) from Microsoft.Bot.Schema.dll's
#      assembly metadata into eng/AdaptiveCards.Compat/AdaptiveCards.snk, checking that its
#      token is 31bf3856ad364e35 (KeyTool/ExtractPublicKey.cs, a .NET 10 file-based app);
#   3. dotnet pack the placeholder into eng/packages/ (replacing the previous .nupkg);
#   4. check the packed assembly's identity.
#
# Usage: eng/build-adaptivecards-compat.sh
# Note: NuGet caches packages by id+version; after changing the package's content, remove
# ~/.nuget/packages/adaptivecards/3.1.0 (or run `dotnet nuget locals global-packages --clear`)
# so restores pick the new one up.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
compat_dir="$repo_root/eng/AdaptiveCards.Compat"
feed_dir="$repo_root/eng/packages"
snk="$compat_dir/AdaptiveCards.snk"
schema_id="microsoft.bot.schema"
schema_version="4.23.1"
nuget_source="${NUGET_SOURCE:-https://api.nuget.org/v3/index.json}"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# 1. Microsoft.Bot.Schema nupkg
global_packages="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
cached="$global_packages/$schema_id/$schema_version/$schema_id.$schema_version.nupkg"
schema_nupkg="$work/$schema_id.$schema_version.nupkg"
if [[ -f "$cached" ]]; then
  echo "using cached $cached"
  cp "$cached" "$schema_nupkg"
else
  base="$(curl -fsSL "$nuget_source" | tr -d '\n' \
    | grep -o '"@id": *"[^"]*"[^}]*"@type": *"PackageBaseAddress/3.0.0"' \
    | head -n1 | sed -E 's/^"@id": *"([^"]*)".*/\1/')"
  if [[ -z "$base" ]]; then
    echo "error: no PackageBaseAddress/3.0.0 in $nuget_source" >&2
    exit 1
  fi
  base="${base%/}"
  url="$base/$schema_id/$schema_version/$schema_id.$schema_version.nupkg"
  echo "downloading $url"
  curl -fsSL -o "$schema_nupkg" "$url"
fi

# 2. public key -> .snk
dotnet run "$compat_dir/KeyTool/ExtractPublicKey.cs" -- "$schema_nupkg" "$snk"

# 3. pack into the local feed
rm -rf "$compat_dir/bin" "$compat_dir/obj"
rm -f "$feed_dir"/adaptivecards.*.nupkg "$feed_dir"/AdaptiveCards.*.nupkg
mkdir -p "$feed_dir"
dotnet pack "$compat_dir/AdaptiveCards.Compat.csproj" -c Release -o "$feed_dir" --nologo
rm -rf "$compat_dir/bin" "$compat_dir/obj"

# 4. check the identity of the packed assembly (metadata only, no loading)
nupkg="$(ls "$feed_dir"/[Aa]daptive[Cc]ards.3.1.0.nupkg)"
unzip -o -q "$nupkg" 'lib/netstandard2.0/AdaptiveCards.dll' -d "$work/pkg"
cat > "$work/check.cs" <<'CS'
#:property TargetFramework=net10.0
using System.Reflection;
var name = AssemblyName.GetAssemblyName(args[0]).FullName;
Console.WriteLine($"packed assembly: {name}");
return name == "AdaptiveCards, Version=1.2.0.0, Culture=neutral, PublicKeyToken=31bf3856ad364e35" ? 0 : 1;
CS
dotnet run "$work/check.cs" -- "$work/pkg/lib/netstandard2.0/AdaptiveCards.dll"
echo "ok: $nupkg"

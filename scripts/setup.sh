#!/usr/bin/env bash
# Installs every dependency of Passerelle from Debian's and npm's registries; idempotent and fast when all is present.
#
# [SECTION] Debian packages
# [SECTION] Sources from `apt-get source` (Dear ImGui, libsodium for wasm), checked by sha256
# [SECTION] Font subset with French glyphs
# [SECTION] npm packages (playwright-core, jose, canonicalize)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
deps="$root/.deps"
mkdir -p "$deps/src"

say() { printf 'setup: %s\n' "$*"; }
die() { printf 'setup: ÉCHEC — %s\n' "$*" >&2; exit 1; }

SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi

# -----------------------------------------------------------------------------
# [SECTION] Debian packages
# -----------------------------------------------------------------------------
apt_pkgs=(
  cmake ninja-build g++ pkg-config
  emscripten            # Emscripten 3.1.6 + clang 14 + binaryen
  nodejs                # only if the machine has no node at all (see below)
  nlohmann-json3-dev doctest-dev libsodium-dev
  fonts-dejavu-core fonttools
  dpkg-dev xz-utils     # apt-get source
  chromium              # end-to-end tests and benchmarks (headless)
)
missing=()
for p in "${apt_pkgs[@]}"; do
  if [ "$p" = nodejs ] && command -v node >/dev/null 2>&1; then continue; fi
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "installation des paquets Debian : ${missing[*]}"
  $SUDO apt-get update -qq || die "apt-get update a échoué"
  for p in "${missing[@]}"; do
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "$p" >/dev/null \
      || die "le paquet Debian '$p' n'a pas pu être installé"
  done
fi

# -----------------------------------------------------------------------------
# [SECTION] Sources from `apt-get source`
# -----------------------------------------------------------------------------
# Pinned: the Debian source version and the sha256 of the upstream tarball we build from.
IMGUI_VERSION="1.86+ds-1"
IMGUI_TARBALL="imgui_1.86+ds.orig.tar.xz"
IMGUI_SHA256="0dace0e8e57d298eb6e93af12dc19420cb96330832f6495c733b90aeeef11f64"
SODIUM_VERSION="1.0.18-1+deb12u1"
SODIUM_TARBALL="libsodium_1.0.18.orig.tar.gz"
SODIUM_SHA256="d59323c6b712a1519a5daf710b68f5e7fde57040845ffec53850911f10a5d4f4"

src_list=/etc/apt/sources.list.d/passerelle-deb-src.sources
fetched_index=0
fetch_source() { # package version tarball sha256
  local pkg=$1 ver=$2 tarball=$3 sum=$4
  if [ ! -f "$deps/src/$tarball" ]; then
    if [ $fetched_index = 0 ]; then
      # A temporary deb-src copy of the machine's Debian list, removed right after.
      local base=/etc/apt/sources.list.d/debian.sources
      [ -f "$base" ] || die "pas de $base : impossible d'activer deb-src pour apt-get source"
      sed 's/^Types:.*/Types: deb-src/' "$base" | $SUDO tee "$src_list" >/dev/null
      trap '$SUDO rm -f "$src_list"' EXIT
      $SUDO apt-get update -qq -o Dir::Etc::sourcelist="$src_list" -o Dir::Etc::sourceparts=- \
        -o APT::Get::List-Cleanup=0 || die "apt-get update (deb-src) a échoué"
      fetched_index=1
    fi
    say "apt-get source $pkg=$ver"
    (cd "$deps/src" && apt-get source --download-only -qq "$pkg=$ver" >/dev/null 2>&1) \
      || die "apt-get source $pkg=$ver a échoué (paquet source Debian '$pkg')"
  fi
  echo "$sum  $deps/src/$tarball" | sha256sum -c --status \
    || die "somme sha256 inattendue pour $tarball (paquet source Debian '$pkg')"
}

if [ ! -f "$deps/imgui/imgui.cpp" ]; then
  fetch_source imgui "$IMGUI_VERSION" "$IMGUI_TARBALL" "$IMGUI_SHA256"
  rm -rf "$deps/imgui" "$deps/imgui.tmp" && mkdir -p "$deps/imgui.tmp"
  tar xf "$deps/src/$IMGUI_TARBALL" -C "$deps/imgui.tmp" --strip-components=1
  mv "$deps/imgui.tmp" "$deps/imgui"
fi

if [ ! -f "$deps/libsodium/src/libsodium/include/sodium/version.h" ]; then
  fetch_source libsodium "$SODIUM_VERSION" "$SODIUM_TARBALL" "$SODIUM_SHA256"
  rm -rf "$deps/libsodium" "$deps/libsodium.tmp" && mkdir -p "$deps/libsodium.tmp"
  tar xzf "$deps/src/$SODIUM_TARBALL" -C "$deps/libsodium.tmp" --strip-components=1
  # The tarball has no configure output: version.h is made from version.h.in as configure would.
  inc="$deps/libsodium.tmp/src/libsodium/include/sodium"
  sed -e 's/@VERSION@/1.0.18/' -e 's/@SODIUM_LIBRARY_VERSION_MAJOR@/10/' \
      -e 's/@SODIUM_LIBRARY_VERSION_MINOR@/3/' -e 's/@SODIUM_LIBRARY_MINIMAL_DEF@//' \
      "$inc/version.h.in" > "$inc/version.h"
  mv "$deps/libsodium.tmp" "$deps/libsodium"
fi
$SUDO rm -f "$src_list"

# -----------------------------------------------------------------------------
# [SECTION] Font subset with French glyphs
# -----------------------------------------------------------------------------
# Latin-1 + Latin Extended-A (œ, Œ), general punctuation (— ’ « » …), € and a few symbols the UI draws.
font_dir="$deps/fonts"
unicodes="U+0020-017F,U+2000-206F,U+20AC,U+2190-2193,U+2713,U+2717,U+25B2-25BC"
# Only what stb_truetype reads (cmap, glyf, hmtx…): ImGui 1.86 applies no kerning or OpenType layout, so
# GPOS/GSUB/GDEF/kern, glyph names and name strings would be downloaded for nothing (−4.5 KB gzip).
subset_opts=(--unicodes="$unicodes" --layout-features= --no-hinting --drop-tables+=GPOS,GSUB,GDEF,kern,FFTM
             --name-IDs= --glyph-names=false --notdef-outline)
opts_stamp="$font_dir/.subset-options"
if [ "$(cat "$opts_stamp" 2>/dev/null)" != "${subset_opts[*]}" ]; then
  rm -f "$font_dir"/*-subset.ttf # made with other options: make them again
fi
for face in DejaVuSans DejaVuSans-Bold; do
  out="$font_dir/$face-subset.ttf"
  if [ ! -f "$out" ]; then
    mkdir -p "$font_dir"
    src="/usr/share/fonts/truetype/dejavu/$face.ttf"
    [ -f "$src" ] || die "police introuvable : $src (paquet Debian 'fonts-dejavu-core')"
    /usr/bin/pyftsubset "$src" "${subset_opts[@]}" --output-file="$out.tmp" \
      || die "pyftsubset a échoué (paquet Debian 'fonttools')"
    mv "$out.tmp" "$out"
  fi
done
printf '%s' "${subset_opts[*]}" > "$opts_stamp"

# -----------------------------------------------------------------------------
# [SECTION] npm packages
# -----------------------------------------------------------------------------
stamp="$root/node_modules/.passerelle-lock.sha256"
want=$(sha256sum "$root/package-lock.json" | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  say "npm ci"
  (cd "$root" && npm ci --no-audit --no-fund --loglevel=error) || die "npm ci a échoué (voir package-lock.json)"
  echo "$want" > "$stamp"
fi

say "dépendances prêtes"

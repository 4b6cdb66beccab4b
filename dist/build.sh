#!/usr/bin/env bash
# Builds the release artifacts from target/roster.jar (run by `mvn -Pdist package`, or by hand after `mvn package`):
#   target/dist/roster-VERSION-linux-x64.tar.gz  a jlink runtime + the jar + bin/roster, runs without a JDK
#   target/dist/roster_VERSION_amd64.deb         the same tree in /opt/roster, /usr/bin/roster, a systemd unit
# Usage: dist/build.sh VERSION
set -euo pipefail
version="${1:?usage: dist/build.sh VERSION}"
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$repo/target/roster.jar"
out="$repo/target/dist"
name="roster-$version"
stage="$out/stage/$name"
[ -s "$jar" ] || { echo "dist: $jar is missing; run mvn package first" >&2; exit 1; }
rm -rf "$out" && mkdir -p "$stage/bin" "$stage/lib" "$stage/config"

# 1. The runtime: the JDK modules the jar refers to (jdeps), plus those it reaches only by name at run time.
#    jdk.crypto.ec: TLS to the https providers negotiates elliptic-curve keys (its provider is loaded by name).
modules="$(jdeps --print-module-deps --ignore-missing-deps --multi-release 17 "$jar"),jdk.crypto.ec"
echo "dist: jlink --add-modules $modules" >&2
#    --generate-cds-archive: the JDK's own class-data archive, which bin/roster's archive of roster's classes extends.
jlink --add-modules "$modules" --output "$stage/runtime" \
  --strip-debug --no-header-files --no-man-pages --compress=2 --generate-cds-archive

# 2. The install tree: bin/roster finds everything relative to itself.
cp "$jar" "$stage/lib/roster.jar"
install -m 755 "$repo/dist/roster" "$stage/bin/roster"
cp "$repo/config/roster.yaml" "$repo/config/jvm.options" "$stage/config/"
mkdir -p "$stage/examples" && cp -R "$repo/examples/quickstart" "$stage/examples/quickstart"  # also trains the CDS archive
cp "$repo/LICENSE" "$repo/NOTICE" "$repo/README.md" "$repo/CHANGELOG.md" "$stage/"

# 3. The tarball: one top folder, owned by nobody in particular.
tarball="$out/$name-linux-x64.tar.gz"
tar -C "$out/stage" --owner=0 --group=0 --numeric-owner -czf "$tarball" "$name"

# 4. The Debian package, from a staged root (dpkg-deb, no jpackage).
root="$out/deb-root"
mkdir -p "$root/opt" "$root/usr/bin" "$root/etc/roster" "$root/etc/default" "$root/lib/systemd/system" "$root/DEBIAN"
cp -a "$stage" "$root/opt/roster"
ln -s /opt/roster/bin/roster "$root/usr/bin/roster"
cp "$repo/config/roster.yaml" "$root/etc/roster/roster.yaml"
install -m 600 "$repo/dist/deb/roster.default" "$root/etc/default/roster"   # tokens go there
mkdir -p "$root/etc/roster/groups"                                            # ROSTER_PATHS' default
cp "$repo/dist/deb/roster-daemon.service" "$root/lib/systemd/system/roster-daemon.service"
mkdir -p "$root/usr/share/doc/roster" && cp "$repo/dist/deb/copyright" "$root/usr/share/doc/roster/copyright"
installed_kb="$(du -sk --exclude=DEBIAN "$root" | cut -f1)"
sed -e "s/@VERSION@/$version/" -e "s/@INSTALLED_SIZE@/$installed_kb/" "$repo/dist/deb/control" > "$root/DEBIAN/control"
printf '/etc/roster/roster.yaml\n/etc/default/roster\n' > "$root/DEBIAN/conffiles"
install -m 755 "$repo/dist/deb/postinst" "$repo/dist/deb/prerm" "$repo/dist/deb/postrm" "$root/DEBIAN/"
deb="$out/roster_${version}_amd64.deb"
dpkg-deb --root-owner-group --build "$root" "$deb" >&2

rm -rf "$out/stage" "$root"
ls -l "$tarball" "$deb"

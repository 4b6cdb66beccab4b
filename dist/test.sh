#!/usr/bin/env bash
# Tests the release artifacts of dist/build.sh as a user would use them (run by `mvn -Pdist verify`):
# the tarball unpacked into an empty folder and run with no JDK anywhere, the .deb's files unpacked into a
# throw-away root and run from there, its control data, and its systemd unit.
# Usage: dist/test.sh VERSION
set -euo pipefail
version="${1:?usage: dist/test.sh VERSION}"
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tarball="$repo/target/dist/roster-$version-linux-x64.tar.gz"
deb="$repo/target/dist/roster_${version}_amd64.deb"
work="$(mktemp -d)" && chmod 755 "$work"
trap 'rm -rf "$work"' EXIT
fail() { echo "dist test FAILED: $*" >&2; exit 1; }
ok() { echo "dist test ok: $*"; }
for artifact in "$tarball" "$deb"; do [ -s "$artifact" ] || fail "$artifact was not built"; done
expected_version="$(java -jar "$repo/target/roster.jar" --version)"   # what ./roster --version says of this jar
[[ "$expected_version" =~ ^roster\ $version\ \(commit\ [0-9a-f]{12}\)$ ]] || fail "the jar says '$expected_version'"

# Runs "$@" as a user without a JDK: PATH=/usr/bin:/bin, no JAVA_HOME, HOME in the work folder. As root (CI, here),
# in a mount namespace where /usr/lib/jvm is empty, so that no JDK exists at all, and where /opt/roster is
# $work/root/opt/roster, the .deb's files. Elsewhere PATH is /usr/bin:/bin minus the commands that lead into a JDK.
isolated=false
[ "$(id -u)" -eq 0 ] && unshare -m true 2>/dev/null && isolated=true
mkdir -p "$work/home" "$work/root" "$work/path"
path=/usr/bin:/bin
if ! $isolated; then
  for tool in /usr/bin/* /bin/*; do
    case "$(readlink -f "$tool")" in */jvm/*|*/jdk*/*) ;; *) ln -sf "$tool" "$work/path/" ;; esac
  done
  path="$work/path"
fi
as_user() {
  if $isolated; then
    unshare -m bash -c 'mount -t tmpfs none /usr/lib/jvm && mkdir -p /opt && mount -t tmpfs none /opt &&
      if [ -d "$0/root/opt/roster" ]; then mkdir /opt/roster && mount --bind "$0/root/opt/roster" /opt/roster; fi &&
      exec "$@"' "$work" \
      env -i HOME="$work/home" PATH="$path" "$@"
  else
    env -i HOME="$work/home" PATH="$path" "$@"
  fi
}
as_user bash -c '! command -v java && [ -z "${JAVA_HOME:-}" ]' >/dev/null || fail "a java is on the user's PATH"
ok "no java on PATH=$path, no JAVA_HOME$($isolated && echo ', /usr/lib/jvm empty')"

# The tarball: one folder, roster-VERSION, unpacked into an empty folder; a sandbox plan of a copy of the example.
mkdir "$work/unpacked" && tar -C "$work/unpacked" -xzf "$tarball"
[ "$(ls -A "$work/unpacked")" = "roster-$version" ] || fail "the tarball holds $(ls -A "$work/unpacked")"
home="$work/unpacked/roster-$version"
for file in bin/roster lib/roster.jar runtime/bin/java config/roster.yaml config/jvm.options LICENSE NOTICE; do
  [ -s "$home/$file" ] || fail "the tarball has no $file"
done
cp -R "$repo/examples/quickstart" "$work/quickstart"
plan="$(cd "$work" && as_user "$home/bin/roster" plan --sandbox "$work/quickstart" --no-color 2>&1)" \
  || fail "bin/roster plan --sandbox exited $?: $plan"
grep -q '^Plan: 1 to create, 2 to change, 0 to leave; 2 removals, 1 promotion, 4 pending$' <<<"$plan" \
  || fail "bin/roster plan printed no plan summary: $plan"
ok "bin/roster plan --sandbox: exit 0, $(grep '^Plan:' <<<"$plan")"
[ -s "$home/lib/roster.jsa" ] || fail "the first start made no class-data archive beside the jar"
ok "the first start made lib/roster.jsa ($(du -k "$home/lib/roster.jsa" | cut -f1) KiB)"
got="$(as_user "$home/bin/roster" --version 2>&1)" || fail "bin/roster --version exited $?"
[ "$got" = "$expected_version" ] || fail "bin/roster --version says '$got', not '$expected_version'"
ok "bin/roster --version: $got"

# TLS as to an https provider: a loopback server with an elliptic-curve certificate (what the providers use), trusted
# through a trust store; the answer (a web page, not JSON) coming back proves the handshake. Needs jdk.crypto.ec.
if command -v openssl >/dev/null; then
  mkdir "$work/tls" && cd "$work/tls"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout key.pem -out cert.pem -days 1 \
    -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 2>/dev/null
  keytool -importcert -noprompt -alias loopback -file cert.pem -keystore trust.p12 -storepass changeit \
    -storetype PKCS12 >/dev/null 2>&1
  openssl s_server -accept 127.0.0.1:0 -cert cert.pem -key key.pem -www > server.log 2>&1 &
  server=$!
  for _ in $(seq 50); do grep -q '^ACCEPT' server.log && break; sleep 0.1; done
  port="$(sed -n 's/^ACCEPT 127.0.0.1:\([0-9]*\)$/\1/p' server.log)"
  answer="$(as_user env SINCH_API_TOKEN=test-token \
    ROSTER_JAVA_OPTS="-Djavax.net.ssl.trustStore=$work/tls/trust.p12 -Djavax.net.ssl.trustStorePassword=changeit" \
    "$home/bin/roster" plan --no-color --api-url "https://127.0.0.1:$port" "$work/quickstart/groups.yaml" 2>&1 || true)"
  kill "$server" 2>/dev/null || true
  cd "$work"
  grep -q '200 with unreadable JSON' <<<"$answer" || fail "no https answer through the runtime's TLS: $answer"
  ok "https with an EC certificate: the handshake succeeded on the bundled runtime"
fi

# Installed read-only and run by another user: the archive goes to that user's cache folder.
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null; then
  mkdir "$work/readonly" && tar -C "$work/readonly" -xzf "$tarball" && chmod -R a-w "$work/readonly"
  mkdir -p "$work/nobody" && chown 65534:65534 "$work/nobody"
  got="$(setpriv --reuid=65534 --regid=65534 --clear-groups \
    env -i HOME="$work/nobody" PATH="$path" "$work/readonly/roster-$version/bin/roster" --version 2>/dev/null)" \
    || fail "a read-only install did not run for another user"
  [ "$got" = "$expected_version" ] || fail "a read-only install says '$got'"
  compgen -G "$work/nobody/.cache/roster/roster-*.jsa" >/dev/null || fail "no archive in the user's cache folder"
  [ ! -e "$work/readonly/roster-$version/lib/roster.jsa" ] || fail "an archive was written into a read-only install"
  ok "read-only install, another user: the archive is in ~/.cache/roster"
fi

# The .deb: its control data, then its files unpacked into a throw-away root and run from there.
info="$(dpkg-deb --info "$deb")"
grep -q "^ Package: roster$" <<<"$info" && grep -q "^ Version: $version$" <<<"$info" \
  && grep -q "^ Architecture: amd64$" <<<"$info" || fail "dpkg-deb --info: $info"
[ "$(dpkg-deb --info "$deb" conffiles)" = $'/etc/roster/roster.yaml\n/etc/default/roster' ] \
  || fail "conffiles: $(dpkg-deb --info "$deb" conffiles)"
contents="$(dpkg-deb --contents "$deb")"
for entry in './lib/systemd/system/roster-daemon.service' './etc/roster/roster.yaml' './etc/default/roster' \
    './usr/bin/roster -> /opt/roster/bin/roster' './opt/roster/bin/roster' './opt/roster/runtime/bin/java' \
    './opt/roster/lib/roster.jar'; do
  grep -qF " $entry" <<<"$contents" || fail "the .deb has no $entry"
done
grep -qE '^-rw------- root/root .* ./etc/default/roster$' <<<"$contents" || fail "/etc/default/roster is not root's alone"
ok "dpkg-deb --info/--contents: roster $version amd64, conffiles, unit, /usr/bin/roster"
dpkg-deb -x "$deb" "$work/root"
if $isolated; then   # /usr/bin/roster as installed: a symlink to /opt/roster/bin/roster
  got="$(as_user "$work/root/usr/bin/roster" --version 2>/dev/null)" || fail "the .deb's /usr/bin/roster exited $?"
else
  got="$(as_user "$work/root/opt/roster/bin/roster" --version 2>/dev/null)" || fail "the .deb's roster exited $?"
fi
[ "$got" = "$expected_version" ] || fail "the .deb's roster --version says '$got'"
ok "the .deb's roster --version: $got"

unit="$work/root/lib/systemd/system/roster-daemon.service"
for line in 'User=roster' 'Restart=on-failure' 'KillSignal=SIGTERM' 'TimeoutStopSec=30' 'NoNewPrivileges=yes' \
    'ProtectSystem=strict' 'StateDirectory=roster' 'EnvironmentFile=-/etc/default/roster' \
    'ExecStart=/opt/roster/bin/roster daemon --config /etc/roster/roster.yaml $ROSTER_PATHS'; do
  grep -qxF "$line" "$unit" || fail "the unit has no '$line'"
done
if command -v systemd-analyze >/dev/null; then
  if $isolated; then   # the unit as installed, its ExecStart in the throw-away root's /opt/roster
    verified="$(unshare -m bash -c 'mkdir -p /opt && mount -t tmpfs none /opt && mkdir /opt/roster &&
      mount --bind "$0/opt/roster" /opt/roster && systemd-analyze verify "$1" 2>&1' "$work/root" "$unit")" \
      || fail "systemd-analyze verify: $verified"
  else
    sed "s|/opt/roster/|$work/root/opt/roster/|" "$unit" > "$work/roster-daemon.service"
    verified="$(systemd-analyze verify "$work/roster-daemon.service" 2>&1)" || fail "systemd-analyze verify: $verified"
  fi
  [ -z "$verified" ] || fail "systemd-analyze verify warns: $verified"
  ok "systemd-analyze verify roster-daemon.service"
fi
echo "dist test: all passed ($(du -h "$tarball" | cut -f1) tarball, $(du -h "$deb" | cut -f1) .deb)"

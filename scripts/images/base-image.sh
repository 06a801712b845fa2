#!/usr/bin/env bash
# Build CityCard's container base image as an OCI image layout, with no container engine and no container registry:
#   scripts/images/base-image.sh OUT_DIR      (prints the image's runtime version on stdout)
# One layer: the shared libraries .NET needs, unpacked from Debian's packages through this machine's apt sources
# (glibc, libgcc, libstdc++, OpenSSL, zlib, tzdata, the CA certificates: the set Microsoft's runtime-deps images
# install, less ICU, since every CityCard program runs with invariant globalization), a non-root user `app` (uid 1654,
# as in Microsoft's images), and the .NET and ASP.NET Core shared runtimes copied from this machine's .NET install
# (the same runtime the SDK builds against). No shell, no package manager: nothing runs in it but `dotnet`.
# OUT_DIR gets oci-layout, index.json and blobs/sha256/* (one manifest, its config, its layer); the layer is built
# reproducibly (sorted, fixed times and owners), so the same inputs give the same digests.
# Needs: apt-get, dpkg-deb, tar, gzip, sha256sum, and the .NET SDK (dotnet) on PATH.
set -euo pipefail
exec 3>&1 1>&2

OUT="${1:?usage: base-image.sh OUT_DIR}"
PACKAGES=(libc6 libgcc-s1 libstdc++6 libssl3 zlib1g tzdata ca-certificates)
APP_UID=1654

log() { echo "base-image: $*"; }
die() { echo "base-image: ERROR: $*"; exit 1; }

command -v dotnet >/dev/null 2>&1 || die "dotnet is not on PATH"
DOTNET_ROOT_DIR="$(dirname "$(readlink -f "$(command -v dotnet)")")"
# The newest Microsoft.AspNetCore.App runtime installed, and the Microsoft.NETCore.App of the same version.
RUNTIME="$(dotnet --list-runtimes | awk '$1 == "Microsoft.AspNetCore.App" { print $2 }' | sort -V | tail -n 1)"
[[ -n "$RUNTIME" && -d "$DOTNET_ROOT_DIR/shared/Microsoft.NETCore.App/$RUNTIME" ]] \
  || die "no matching Microsoft.AspNetCore.App and Microsoft.NETCore.App runtimes under $DOTNET_ROOT_DIR"
FXR="$(ls "$DOTNET_ROOT_DIR/host/fxr" | sort -V | tail -n 1)"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
rootfs="$work/rootfs"
mkdir -p "$rootfs" "$work/debs"

log "downloading ${PACKAGES[*]} (apt-get download)"
download() { (cd "$work/debs" && apt-get download -qq -o APT::Sandbox::User=root "${PACKAGES[@]}") >&2; }
download || { log "refreshing the package lists (apt-get update)"; apt-get update -qq >&2 && download; } \
  || die "apt-get could not download ${PACKAGES[*]}"
for deb in "$work"/debs/*.deb; do
  dpkg-deb -x "$deb" "$rootfs"
done
versions="$(for deb in "$work"/debs/*.deb; do dpkg-deb -W --showformat='${Package} ${Version}\n' "$deb"; done)"

log "adding the .NET runtime $RUNTIME from $DOTNET_ROOT_DIR"
dn="$rootfs/usr/share/dotnet"
mkdir -p "$dn/host/fxr" "$dn/shared/Microsoft.NETCore.App" "$dn/shared/Microsoft.AspNetCore.App" "$rootfs/usr/bin"
cp -a "$DOTNET_ROOT_DIR/dotnet" "$DOTNET_ROOT_DIR/LICENSE.txt" "$DOTNET_ROOT_DIR/ThirdPartyNotices.txt" "$dn/"
cp -a "$DOTNET_ROOT_DIR/host/fxr/$FXR" "$dn/host/fxr/"
cp -a "$DOTNET_ROOT_DIR/shared/Microsoft.NETCore.App/$RUNTIME" "$dn/shared/Microsoft.NETCore.App/"
cp -a "$DOTNET_ROOT_DIR/shared/Microsoft.AspNetCore.App/$RUNTIME" "$dn/shared/Microsoft.AspNetCore.App/"
ln -s ../share/dotnet/dotnet "$rootfs/usr/bin/dotnet"

# What dpkg's maintainer scripts would have done, by hand: the CA bundle OpenSSL reads, the users, /tmp.
mkdir -p "$rootfs/etc/ssl/certs" "$rootfs/tmp" "$rootfs/app" "$rootfs/home/app" "$rootfs/usr/share/citycard"
cat "$rootfs"/usr/share/ca-certificates/mozilla/*.crt >"$rootfs/etc/ssl/certs/ca-certificates.crt"
mkdir -p "$rootfs/usr/lib/ssl"
ln -sfn /etc/ssl/certs "$rootfs/usr/lib/ssl/certs"
ln -sfn /etc/ssl/certs/ca-certificates.crt "$rootfs/usr/lib/ssl/cert.pem"
printf 'root:x:0:0:root:/root:/usr/sbin/nologin\napp:x:%d:%d:app:/home/app:/usr/sbin/nologin\n' "$APP_UID" "$APP_UID" >"$rootfs/etc/passwd"
printf 'root:x:0:\napp:x:%d:\n' "$APP_UID" >"$rootfs/etc/group"
chmod 1777 "$rootfs/tmp"
rm -rf "$rootfs/usr/share/doc" "$rootfs/usr/share/man" "$rootfs/usr/share/lintian" "$rootfs/usr/share/locale"
{ echo "Debian packages (unpacked, no maintainer scripts):"; echo "$versions"; echo ".NET runtime: $RUNTIME (host fxr $FXR)"; } \
  >"$rootfs/usr/share/citycard/base-image.txt"

log "writing the layer"
layer="$work/layer.tar"
# Everything owned by root except the app user's home; fixed times so the digest depends on content alone.
tar_opts=(--sort=name --mtime=@0 --numeric-owner --format=posix --pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime)
tar -C "$rootfs" "${tar_opts[@]}" --owner=0 --group=0 --exclude=./home/app -cf "$layer" .
tar -C "$rootfs" "${tar_opts[@]}" --owner="$APP_UID" --group="$APP_UID" --no-recursion -rf "$layer" ./home/app
gzip -n -6 <"$layer" >"$layer.gz"

digest() { sha256sum "$1" | cut -d' ' -f1; }
size() { stat -c %s "$1"; }

rm -rf "$OUT"
mkdir -p "$OUT/blobs/sha256"
diff_id="$(digest "$layer")"
layer_digest="$(digest "$layer.gz")"
cp "$layer.gz" "$OUT/blobs/sha256/$layer_digest"

config="$work/config.json"
cat >"$config" <<EOF
{"architecture":"amd64","os":"linux","config":{"User":"$APP_UID","WorkingDir":"/app","Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","DOTNET_ROOT=/usr/share/dotnet","DOTNET_RUNNING_IN_CONTAINER=true","DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=true","APP_UID=$APP_UID","ASPNETCORE_HTTP_PORTS=8080"],"Labels":{"org.opencontainers.image.title":"citycard-dotnet-base","org.opencontainers.image.description":"Debian libraries and the .NET runtime, built by scripts/images/base-image.sh","net.dot.runtime.version":"$RUNTIME"}},"rootfs":{"type":"layers","diff_ids":["sha256:$diff_id"]},"history":[{"created_by":"scripts/images/base-image.sh: ${PACKAGES[*]} and the .NET runtime $RUNTIME"}]}
EOF
config_digest="$(digest "$config")"
cp "$config" "$OUT/blobs/sha256/$config_digest"

manifest="$work/manifest.json"
cat >"$manifest" <<EOF
{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:$config_digest","size":$(size "$config")},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"sha256:$layer_digest","size":$(size "$layer.gz")}]}
EOF
manifest_digest="$(digest "$manifest")"
cp "$manifest" "$OUT/blobs/sha256/$manifest_digest"

echo '{"imageLayoutVersion":"1.0.0"}' >"$OUT/oci-layout"
cat >"$OUT/index.json" <<EOF
{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:$manifest_digest","size":$(size "$manifest"),"annotations":{"org.opencontainers.image.ref.name":"$RUNTIME"}}]}
EOF
log "base image $RUNTIME: $(du -sh "$OUT" | cut -f1) in $OUT"
echo "$RUNTIME" >&3

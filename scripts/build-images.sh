#!/usr/bin/env bash
# Build the container images of the silo, the city gateway and the CLI as OCI archives, with the .NET SDK's container
# publishing and no container engine:
#   scripts/build-images.sh [silo] [gateway] [cli]    (default: all three)
# writes artifacts/images/citycard-<name>-<tag>.tar, each an OCI image layout in a tar (`skopeo copy
# oci-archive:…`, `crane push`, `podman load`, `docker load`, `ctr images import` all take it).
# The tag is the one deploy/k8s/kustomization.yaml deploys, so manifests and images stay in step.
#
# The SDK takes its base image from a registry only. By default the base is CityCard's own (scripts/images/
# base-image.sh: Debian's libraries and this machine's .NET runtime, no shell), served to the SDK for the length of
# the build by Debian's docker-registry on a loopback port; nothing leaves the machine. See
# docs/decisions/0050-container-images-without-a-container-engine.md.
#
# Env: CITYCARD_BASE_IMAGE  a base image in a registry this machine reaches instead (e.g. your registry's copy of
#                           Microsoft's aspnet:10.0 image); no local base, no loopback registry then.
#      CITYCARD_IMAGE_TAG   instead of the kustomization's tag.
#      CITYCARD_IMAGES_OUT  instead of artifacts/images.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

log() { echo "build-images: $*" >&2; }
die() { echo "build-images: ERROR: $*" >&2; exit 1; }

declare -A PROJECTS=(
  [silo]=silo/CityCard.Silo/CityCard.Silo.csproj
  [gateway]=client/CityCard.Gateway/CityCard.Gateway.csproj
  [cli]=client/CityCard.Cli/CityCard.Cli.csproj
)
NAMES=("$@")
(( ${#NAMES[@]} > 0 )) || NAMES=(silo gateway cli)
for name in "${NAMES[@]}"; do
  [[ -n "${PROJECTS[$name]:-}" ]] || die "unknown image '$name' (silo, gateway or cli)"
done

kustomization_tag() {
  awk '/- name: citycard\/silo/ { found = 1; next } found && /newTag:/ { gsub(/[" ]/, "", $2); print $2; exit }' deploy/k8s/kustomization.yaml
}
TAG="${CITYCARD_IMAGE_TAG:-$(kustomization_tag)}"
[[ "$TAG" =~ ^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$ ]] || die "no usable image tag (got '$TAG'); set CITYCARD_IMAGE_TAG"
OUT="${CITYCARD_IMAGES_OUT:-$PWD/artifacts/images}"
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
TOOLS="$PWD/artifacts/tools"
# The base image's layout is kept between builds (it changes only with its recipe, the runtime or a package).
BASE_CACHE="$PWD/artifacts/images/.base"

REGISTRY_PID=""
WORK="$(mktemp -d)"
cleanup() {
  if [[ -n "$REGISTRY_PID" ]]; then kill "$REGISTRY_PID" 2>/dev/null || true; wait "$REGISTRY_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# A port nobody listens on and no socket is bound to: a client connection's local port (the kernel hands those out
# from 32768 up) refuses the registry's bind as surely as a listener does, but answers no probe.
port_taken() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
  command -v ss >/dev/null 2>&1 && ss -Htan "sport = :$1" 2>/dev/null | grep -q . && return 0
  return 1
}
free_port() {
  local p="$1"
  while port_taken "$p"; do p=$((p + 1)); done
  echo "$p"
}

# Debian's docker-registry (the CNCF distribution registry), unpacked, not installed: no service, no user, no
# maintainer scripts; one static binary kept under artifacts/tools/.
registry_binary() {
  local bin="$TOOLS/docker-registry/docker-registry"
  if [[ ! -x "$bin" ]]; then
    log "unpacking Debian's docker-registry into $TOOLS/docker-registry"
    local debs="$WORK/registry-deb"
    mkdir -p "$debs" "$TOOLS/docker-registry"
    (cd "$debs" && { apt-get download -qq -o APT::Sandbox::User=root docker-registry || { apt-get update -qq && apt-get download -qq -o APT::Sandbox::User=root docker-registry; }; }) >&2 \
      || die "apt-get could not download docker-registry"
    dpkg-deb -x "$debs"/docker-registry_*.deb "$debs/x"
    install -m 0755 "$debs/x/usr/bin/docker-registry" "$bin"
  fi
  echo "$bin"
}

# The base image's OCI layout, rebuilt only when its recipe, the runtime or a package version changes.
base_layout() {
  local packages key dir
  packages="$(apt-cache policy libc6 libgcc-s1 libstdc++6 libssl3 zlib1g tzdata ca-certificates 2>/dev/null | grep -E '^[a-z]|Candidate' | tr -d ' \n')"
  key="$( { cat scripts/images/base-image.sh; dotnet --list-runtimes; echo "$packages"; } | sha256sum | cut -c1-16)"
  dir="$BASE_CACHE/$key"
  mkdir -p "$(dirname "$BASE_CACHE")"
  # Two builds at once (a test and a person) share the cache: one builds, the other waits.
  exec 8>"$BASE_CACHE.lock"
  flock -w 600 8 || die "timed out waiting for $BASE_CACHE.lock"
  if [[ ! -f "$dir/index.json" ]]; then
    log "building the base image (scripts/images/base-image.sh)"
    rm -rf "$BASE_CACHE"
    scripts/images/base-image.sh "$dir" >/dev/null
  fi
  exec 8>&-
  echo "$dir"
}

# Push an OCI layout's single image to a registry with the plain distribution API (monolithic blob uploads).
push_layout() {
  local layout="$1" registry="$2" repository="$3" tag="$4" manifest digest blob location sep
  manifest="$(grep -o '"digest":"sha256:[0-9a-f]*"' "$layout/index.json" | head -n 1 | cut -d: -f3 | tr -d '"')"
  for digest in $(grep -o 'sha256:[0-9a-f]\{64\}' "$layout/blobs/sha256/$manifest" | cut -d: -f2 | sort -u); do
    blob="$layout/blobs/sha256/$digest"
    location="$(curl -sSf -X POST -D - -o /dev/null "http://$registry/v2/$repository/blobs/uploads/" | tr -d '\r' | awk 'tolower($1) == "location:" { print $2 }')"
    [[ "$location" == http* ]] || location="http://$registry$location"
    sep='?'; [[ "$location" == *\?* ]] && sep='&'
    curl -sSf -X PUT -H 'Content-Type: application/octet-stream' --data-binary @"$blob" "$location${sep}digest=sha256:$digest" -o /dev/null
  done
  curl -sSf -X PUT -H 'Content-Type: application/vnd.oci.image.manifest.v1+json' \
    --data-binary @"$layout/blobs/sha256/$manifest" "http://$registry/v2/$repository/manifests/$tag" -o /dev/null
}

if [[ -n "${CITYCARD_BASE_IMAGE:-}" ]]; then
  BASE_IMAGE="$CITYCARD_BASE_IMAGE"
  log "base image: $BASE_IMAGE (from CITYCARD_BASE_IMAGE)"
else
  layout="$(base_layout)"
  runtime="$(grep -o '"org.opencontainers.image.ref.name":"[^"]*"' "$layout/index.json" | cut -d'"' -f4)"
  registry_bin="$(registry_binary)"
  mkdir -p "$WORK/registry"
  # Below the kernel's ephemeral range, and moved on when another process wins the port between the probe and the bind.
  port=15500
  for attempt in $(seq 1 10); do
    port="$(free_port "$port")"
    REGISTRY="127.0.0.1:$port"
    cat >"$WORK/registry.yml" <<EOF
version: 0.1
log:
  level: error
storage:
  filesystem:
    rootdirectory: $WORK/registry
http:
  addr: $REGISTRY
EOF
    "$registry_bin" serve "$WORK/registry.yml" >"$WORK/registry.log" 2>&1 &
    REGISTRY_PID=$!
    for _ in $(seq 1 50); do
      curl -sf "http://$REGISTRY/v2/" >/dev/null 2>&1 && break
      kill -0 "$REGISTRY_PID" 2>/dev/null || break
      sleep 0.2
    done
    curl -sf "http://$REGISTRY/v2/" >/dev/null 2>&1 && break
    kill "$REGISTRY_PID" 2>/dev/null || true
    wait "$REGISTRY_PID" 2>/dev/null || true
    REGISTRY_PID=""
    grep -q "address already in use" "$WORK/registry.log" || { cat "$WORK/registry.log" >&2; die "the loopback registry did not start"; }
    log "port $port was taken (attempt $attempt); trying the next one"
    port=$((port + 1))
  done
  [[ -n "$REGISTRY_PID" ]] || die "the loopback registry found no free port from 15500 up"
  push_layout "$layout" "$REGISTRY" citycard/dotnet-base "$runtime"
  BASE_IMAGE="$REGISTRY/citycard/dotnet-base:$runtime"
  # Plain HTTP is fine for a registry that lives on loopback for the length of this script.
  export DOTNET_CONTAINER_INSECURE_REGISTRIES="$REGISTRY"
  log "base image: CityCard's own (.NET $runtime), served at $BASE_IMAGE"
fi

revision="$(git rev-parse HEAD 2>/dev/null || echo unknown)"
# A build folder of its own (--artifacts-path), so the images never disturb the bin/ and obj/ the tests use, kept
# between runs so that a rebuild is incremental; one build at a time uses it.
BUILD="$PWD/artifacts/images/.build"
mkdir -p "$BUILD"
exec 9>"$BUILD.lock"
flock -w 1800 9 || die "timed out waiting for $BUILD.lock"
for name in "${NAMES[@]}"; do
  archive="$OUT/citycard-$name-$TAG.tar"
  log "publishing ${PROJECTS[$name]} as citycard/$name:$TAG"
  dotnet publish "${PROJECTS[$name]}" -c Release -r linux-x64 --self-contained false -nologo -v q -clp:ErrorsOnly \
    --artifacts-path "$BUILD" \
    -t:PublishContainer \
    -p:EnableSdkContainerSupport=true \
    -p:ContainerBaseImage="$BASE_IMAGE" \
    -p:ContainerRepository="citycard/$name" \
    -p:ContainerImageTag="$TAG" \
    -p:ContainerArchiveOutputPath="$archive" \
    -p:SourceRevisionId="$revision" >&2
  [[ -s "$archive" ]] || die "no archive was written for $name"
  echo "$archive"
done
log "done: ${#NAMES[@]} image(s) under $OUT"

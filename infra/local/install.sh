#!/usr/bin/env bash
# Installs what the local stack needs, idempotently: the Kafka and S3Proxy jars from Maven Central
# (versions pinned in infra/local/maven/pom.xml) and redis-server from Debian's packages.
source "$(dirname "$0")/lib.sh"
command -v "$JAVA" >/dev/null || die "java (17+) is required for Kafka and S3Proxy"
command -v mvn >/dev/null || die "maven is required to resolve the Kafka and S3Proxy jars"
pom="$REPO_ROOT/infra/local/maven/pom.xml"
stamp="$(sha256sum "$pom" | cut -c1-16)"
for profile in kafka s3proxy; do
  dest="$LIB_DIR/$profile"
  if [[ -f "$dest/.stamp" && "$(cat "$dest/.stamp")" == "$stamp" ]]; then continue; fi
  log "resolving $profile jars from Maven Central"
  rm -rf "$dest"
  mvn -q -B -Dstyle.color=never -f "$pom" -P"$profile" dependency:copy-dependencies -DoutputDirectory="$dest" -DincludeScope=runtime
  echo "$stamp" >"$dest/.stamp"
done
if ! command -v redis-server >/dev/null; then
  if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null; then
    log "installing redis-server from Debian's packages"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
  else
    die "redis-server is missing: install it (e.g. sudo apt-get install redis-server) and re-run"
  fi
fi
log "installed: $(ls "$LIB_DIR/kafka" | grep -E '^kafka_2.13' ) $(ls "$LIB_DIR/s3proxy" | grep -E '^s3proxy-') $(redis-server --version | cut -d' ' -f3)"

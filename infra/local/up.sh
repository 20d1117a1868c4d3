#!/usr/bin/env bash
# up.sh: starts the whole local stack (Kafka, S3Proxy, Redis) and prints the environment that
# points copydesk and its tests at it. Idempotent: a running service is left as it is.
source "$(dirname "$0")/lib.sh"
"$REPO_ROOT/infra/local/install.sh"
here="$(dirname "$0")"
# Kafka and S3Proxy are JVMs: start them side by side, then wait for both.
"$here/kafka.sh" start >"$LOCAL_DIR/.kafka.env" & k=$!
"$here/s3proxy.sh" start >"$LOCAL_DIR/.s3.env" & s=$!
"$here/redis.sh" start >"$LOCAL_DIR/.redis.env"
wait "$k" || die "kafka failed to start"
wait "$s" || die "s3proxy failed to start"
cat "$LOCAL_DIR/.kafka.env" "$LOCAL_DIR/.s3.env" "$LOCAL_DIR/.redis.env"
echo "S3_ACCESS_KEY_ID=$S3_ACCESS_KEY"
echo "S3_SECRET_ACCESS_KEY=$S3_SECRET_KEY"
echo "S3_REGION=us-east-1"
echo "S3_FORCE_PATH_STYLE=true"

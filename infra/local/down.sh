#!/usr/bin/env bash
# down.sh: stops what up.sh started, each by its pid.
source "$(dirname "$0")/lib.sh"
here="$(dirname "$0")"
"$here/kafka.sh" stop
"$here/s3proxy.sh" stop
"$here/redis.sh" stop

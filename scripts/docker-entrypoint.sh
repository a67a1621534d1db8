#!/bin/sh
# Fills ADMIN_TOKEN and SECRETS_KEY from /var/lib/causeflow when they are not set, generating them
# on first use (the migrate container runs first, so it is the one that generates them).
set -eu
dir=/var/lib/causeflow
if [ -z "${ADMIN_TOKEN:-}" ]; then
  [ -s "$dir/admin_token" ] || (umask 077 && head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$dir/admin_token")
  ADMIN_TOKEN=$(cat "$dir/admin_token")
  export ADMIN_TOKEN
fi
if [ -z "${SECRETS_KEY:-}" ]; then
  [ -s "$dir/secrets_key" ] || (umask 077 && head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$dir/secrets_key")
  SECRETS_KEY=$(cat "$dir/secrets_key")
  export SECRETS_KEY
fi
exec "$@"

#!/bin/sh
# One-shot setup of docker/compose.yaml, run in the usm-endpoint image before the endpoint starts:
# certificates (usm certs), the first API keys (usm endpoint api-key create, which needs the database offline) and
# the CLI login file. Idempotent: what exists is kept, so 'docker compose up' again reuses it.
set -eu
certs=/certs
secrets=/secrets
data=/var/lib/usm-endpoint

if [ ! -f "$certs/ca/ca.pem" ]; then
  usm certs ca --out "$certs/ca" --cn "connect-usm compose CA"
  usm certs issue --ca "$certs/ca" --out "$certs/endpoint" --cn usm-endpoint --dns endpoint --dns localhost --server
  usm certs issue --ca "$certs/ca" --out "$certs/agent" --cn usm-agent --dns agent --dns localhost --server
  # The workers' certificate names their Connect cluster ID (group.id): the agent's identity rule.
  usm certs issue --ca "$certs/ca" --out "$certs/tls-connect" --cn connect-compose --client
fi

key_field() { sed -n "s/.*\"$1\" *: *\"\([^\"]*\)\".*/\1/p"; }

if [ ! -f "$secrets/usm-cli.properties" ]; then
  admin=$(usm endpoint api-key create --data-dir "$data" --role admin --description "compose: CLI" -o json)
  umask 077
  {
    echo "url=https://endpoint:8443"
    echo "api.key=$(echo "$admin" | key_field api_key)"
    echo "api.secret=$(echo "$admin" | key_field api_secret)"
    echo "ca.cert=$certs/ca/ca.pem"
    echo "environment=env-compose"
  } > "$secrets/usm-cli.properties"
fi
if [ ! -f "$secrets/agent-credentials.properties" ]; then
  agent=$(usm endpoint api-key create --data-dir "$data" --role agent --description "compose: agent" -o json)
  umask 077
  {
    echo "api.key=$(echo "$agent" | key_field api_key)"
    echo "api.secret=$(echo "$agent" | key_field api_secret)"
  } > "$secrets/agent-credentials.properties"
fi
# The endpoint reads its keystore password from the environment; hand it over in a file only the services see.
sed -n 's/^jksPassword=//p' "$certs/endpoint/jksPassword.txt" > "$secrets/endpoint-keystore-password"
echo "setup done"

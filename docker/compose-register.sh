#!/bin/sh
# One-shot registration of docker/compose.yaml, once the endpoint is up: the Kafka cluster and the Connect cluster,
# with the CLI commands of the USM documentation. Already registered clusters are left alone.
set -eu
export USM_CONFIG=/secrets/usm-cli.properties
kafka_id="${KAFKA_CLUSTER_ID:?}"
if ! usm kafka list --environment env-compose -o json | grep -q "$kafka_id"; then
  usm kafka register --confluent-platform-kafka-cluster "$kafka_id" --cloud aws --region us-east-1 \
    --environment env-compose
fi
if ! usm connect list --environment env-compose -o json | grep -q '"connect-compose"'; then
  usm connect register connect-compose --confluent-platform-kafka-cluster "$kafka_id" --environment env-compose
fi
echo "registration done"

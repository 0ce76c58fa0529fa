#!/bin/sh
# Creates parkmatch's Kafka topics, each with its dead-letter twin `<topic>.dlq`.
# Idempotent (`--if-not-exists`): runs on every `docker compose up` as the one-shot
# `kafka-topics` service, after the broker is healthy and before any app service starts.
#
# Environment (all optional):
#   KAFKA_BOOTSTRAP     broker to talk to                     (default kafka:9092)
#   BUS_PARTITIONS      partitions per topic; must match the services' BUS_PARTITIONS (default 8)
#   KAFKA_REPLICATION   replication factor                     (default 1: single broker)
#   DLQ_RETENTION_MS    retention of the .dlq topics           (default 30 days)
#   PARKMATCH_TOPICS    space-separated topic list, overrides the list below
#   KAFKA_BIN           folder holding kafka-topics.sh         (default /opt/kafka/bin)
#
# A new event type in packages/contracts needs its topic added to TOPICS below
# (tests/compose.test.ts checks that every topic in `Events` is here).
# Note: `--if-not-exists` leaves an existing topic as it is; raising BUS_PARTITIONS later
# needs `kafka-topics.sh --alter --partitions N` (and moves keys between partitions).
set -eu

DEFAULT_TOPICS="
  leads.profile.submitted.v1
  leads.profile.updated.v1
  matching.lead.scored.v1
  matching.catalog.published.v1
  leads.lead.claimed.v1
  leads.lead.transferred.v1
  leads.lead.stage-changed.v1
  leads.lead.liaison-assigned.v1
  leads.visit.logged.v1
  leads.appeal.opened.v1
  leads.appeal.closed.v1
  leads.figures.reported.v1
  leads.profile.withdrawn.v1
  finance.need.registered.v1
  finance.need.pushed.v1
  finance.need.answered.v1
  rnd.order.placed.v1
  rnd.order.status-changed.v1
  vouchers.application.submitted.v1
  vouchers.application.decided.v1
  vouchers.balance.moved.v1
  leads.access.revoked.v1
"
TOPICS="${PARKMATCH_TOPICS:-$DEFAULT_TOPICS}"
BOOTSTRAP="${KAFKA_BOOTSTRAP:-kafka:9092}"
PARTITIONS="${BUS_PARTITIONS:-8}"
REPLICATION="${KAFKA_REPLICATION:-1}"
DLQ_RETENTION_MS="${DLQ_RETENTION_MS:-2592000000}"
KAFKA_BIN="${KAFKA_BIN:-/opt/kafka/bin}"

case "$PARTITIONS" in
  '' | *[!0-9]* | 0)
    echo "create-topics: BUS_PARTITIONS must be a positive integer, got '$PARTITIONS'" >&2
    exit 2
    ;;
esac

for topic in $TOPICS; do
  echo "create-topics: $topic and $topic.dlq ($PARTITIONS partitions, replication $REPLICATION)"
  # Token revocations are kept for good (a few bytes each): a service that starts on an empty
  # store reads them all, and a firm's token lives 90 days, longer than the default retention.
  case "$topic" in
    leads.access.revoked.*) keep="--config retention.ms=-1" ;;
    *) keep="" ;;
  esac
  # shellcheck disable=SC2086 # $keep is empty or one option with its value
  "$KAFKA_BIN/kafka-topics.sh" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists \
    --topic "$topic" --partitions "$PARTITIONS" --replication-factor "$REPLICATION" $keep
  "$KAFKA_BIN/kafka-topics.sh" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists \
    --topic "$topic.dlq" --partitions "$PARTITIONS" --replication-factor "$REPLICATION" \
    --config "retention.ms=$DLQ_RETENTION_MS"
done

echo "create-topics: done"
"$KAFKA_BIN/kafka-topics.sh" --bootstrap-server "$BOOTSTRAP" --describe

// mongosh script: makes the compose `mongo` node a single-member replica set (rs0), so that
// the services get multi-document transactions (outbox) and change streams.
// Idempotent: runs on every `docker compose up` as the one-shot `mongo-init` service;
// when the set is already initiated it only waits for the primary.
//
//   mongosh --quiet "mongodb://mongo:27017/admin?directConnection=true" init-replica-set.js
//
// The member host must be the name the services use (MONGO_URL=mongodb://mongo:27017/?replicaSet=rs0):
// with `replicaSet=` the driver connects to the hosts listed in this config, not to the URL's.
// From the host machine (port not published by default) use `directConnection=true` instead.

const replicaSet = process.env.MONGO_REPLICA_SET || 'rs0';
const member = process.env.MONGO_REPLICA_MEMBER || 'mongo:27017';
const waitMs = Number(process.env.MONGO_PRIMARY_WAIT_MS || 60_000);

function currentStatus() {
  try {
    return rs.status();
  } catch (error) {
    // 94 NotYetInitialized: a fresh node started with --replSet.
    if (error.code === 94 || error.codeName === 'NotYetInitialized') return null;
    throw error;
  }
}

const status = currentStatus();
if (status === null) {
  print(`mongo-init: initiating replica set ${replicaSet} with member ${member}`);
  rs.initiate({ _id: replicaSet, members: [{ _id: 0, host: member }] });
} else if (status.set !== replicaSet) {
  throw new Error(`mongo-init: node belongs to replica set ${status.set}, expected ${replicaSet}`);
} else {
  print(`mongo-init: replica set ${replicaSet} already initiated`);
}

const deadline = Date.now() + waitMs;
while (!db.hello().isWritablePrimary) {
  if (Date.now() > deadline) throw new Error(`mongo-init: no primary after ${waitMs} ms`);
  sleep(500);
}
print(`mongo-init: ${member} is primary of ${replicaSet}`);

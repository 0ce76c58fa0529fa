// Child process of crash.test.ts: writes numbered batches of 500 documents into the store in
// `dir` until it is killed, printing each batch number once its write has resolved. Even
// batches insert documents; odd ones update the previous batch's documents in one bulk write.
// Run: node crash-writer.ts <dir> <first batch (even)>
import { createSqliteStore } from '../store.ts';

const BATCH_SIZE = 500;

const [dir, first = '0'] = process.argv.slice(2);
if (dir === undefined) throw new Error('usage: crash-writer.ts <dir> <first batch>');
const store = await createSqliteStore({ dir });
const docs = store.collection('docs');
const pad = 'x'.repeat(200);

for (let batch = Number(first); ; batch++) {
  if (batch % 2 === 0) {
    await docs.insertMany(
      Array.from({ length: BATCH_SIZE }, (_, i) => ({ _id: `${batch}-${i}`, batch, i, pad })),
    );
  } else {
    await docs.bulkUpdateById(
      Array.from({ length: BATCH_SIZE }, (_, i) => ({
        _id: `${batch - 1}-${i}`,
        update: { $set: { updatedBy: batch }, $inc: { updates: 1 } },
      })),
    );
  }
  process.stdout.write(`${batch}\n`); // synchronous on a pipe: printed means acknowledged
}

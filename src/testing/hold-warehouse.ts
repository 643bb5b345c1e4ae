/**
 * Test helper run as its own process: opens a warehouse, prints `holding`, and keeps the lock
 * until it receives SIGTERM, then closes. `node --import tsx hold-warehouse.ts <path>`.
 */
import { Warehouse } from '../warehouse/warehouse.js';

const [path] = process.argv.slice(2);
const warehouse = await Warehouse.open({ path: path ?? '', catalog: 'hr_prod' });
// Keeps the event loop alive until the signal: the lock is released only when asked.
const alive = setInterval(() => undefined, 60_000);
process.once('SIGTERM', () => {
  clearInterval(alive);
  void warehouse.close().then(() => process.exit(0));
});
process.stderr.write('holding\n');

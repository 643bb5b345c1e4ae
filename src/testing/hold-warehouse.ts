/**
 * Test helper run as its own process: opens a warehouse, prints `holding`, keeps the lock for
 * the given milliseconds, then closes. `node --import tsx hold-warehouse.ts <path> <ms>`.
 */
import { Warehouse } from '../warehouse/warehouse.js';

const [path, ms] = process.argv.slice(2);
const warehouse = await Warehouse.open({ path: path ?? '', catalog: 'hr_prod' });
process.stderr.write('holding\n');
await new Promise((resolve) => setTimeout(resolve, Number(ms ?? '1000')));
await warehouse.close();

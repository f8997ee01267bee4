/**
 * The independent baseline's store: stock dynalite (`npx dynalite --path DIR`) in its own
 * process, on LevelDB at argv[2], bound to 127.0.0.1 on a free port. dynalite's CLI cannot take
 * port 0 (`argv.port || 4567`), so this starts it the way its cli.js does, with the port chosen
 * by the OS. Tables become ACTIVE at once so the bench does not wait. Prints `READY <url>`.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const dynalite = require('dynalite');
const path = process.argv[2];
if (!path) throw new Error('usage: dynalite-server.mjs <leveldb-dir>');
const server = dynalite({ path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
server.listen(0, '127.0.0.1', () => {
  console.log(`READY http://127.0.0.1:${server.address().port}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));

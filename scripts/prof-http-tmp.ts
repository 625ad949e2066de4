import { benchPrecheck } from './bench/precheck.js';
const r = await benchPrecheck(Number(process.argv[2] ?? 20), Number(process.argv[3] ?? 3));
console.log(JSON.stringify(r));
process.exit(0);

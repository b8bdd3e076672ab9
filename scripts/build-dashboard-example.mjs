// Writes examples/dashboard.json from scripts/dashboard/ (page.html and the workflow around it).
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { dashboardWorkflow } = createRequire(import.meta.url)('./dashboard/dashboard-example.cjs');
const target = join(root, 'examples', 'dashboard.json');
writeFileSync(target, `${JSON.stringify(dashboardWorkflow(), null, '\t')}\n`);
process.stdout.write(`wrote ${target}\n`);

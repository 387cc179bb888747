// Writes one Prisma schema per database from the single model source, prisma/models.prisma.
// Prisma takes one provider per schema file; everything but the header is shared, so the two
// files cannot drift. Run by the bootstrap; `--check` exits non-zero when a file is stale.
import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const prismaDir = dirname(fileURLToPath(import.meta.url));
export const PROVIDERS = ['sqlite', 'postgresql'];

export function renderSchema(provider) {
  const models = readFileSync(join(prismaDir, 'models.prisma'), 'utf8');
  const header = `// GENERATED from prisma/models.prisma by prisma/sync-schemas.mjs: edit that file, not this one.

generator client {
  provider        = "prisma-client-js"
  output          = "../../generated/prisma/${provider}"
  engineType      = "client"
  previewFeatures = ["driverAdapters", "queryCompiler"]
}

datasource db {
  provider = "${provider}"
  url      = env("DATABASE_URL")
}

`;
  return header + models;
}

export function syncSchemas({ check = false } = {}) {
  const stale = [];
  for (const provider of PROVIDERS) {
    const file = join(prismaDir, provider, 'schema.prisma');
    const wanted = renderSchema(provider);
    const current = existsSync(file) ? readFileSync(file, 'utf8') : '';
    if (current === wanted) continue;
    stale.push(file);
    if (!check) {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, wanted);
    }
  }
  return stale;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const check = process.argv.includes('--check');
  const stale = syncSchemas({ check });
  if (check && stale.length) {
    console.error(`stale generated schemas (run node prisma/sync-schemas.mjs): ${stale.join(', ')}`);
    process.exit(1);
  }
  for (const file of stale) console.log(`wrote ${file}`);
}

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The layout's rules, checked over the import graph of src/ (docs/architecture.md): platform imports
 * no module, a module reaches another only through its index.ts, domain and reference code import
 * no I/O, and the web app takes only contracts, vocabularies and pure code from the server side.
 */
const ROOT = fileURLToPath(new URL('../', import.meta.url));
const SRC = path.join(ROOT, 'src');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [full] : [];
  });
}

interface Edge {
  from: string;
  to: string;
}

const IMPORT =
  /(?:^|\n)\s*(?:import|export)[^'";]*?from\s+'([^']+)'|(?:^|\n)\s*import\s+'([^']+)'|import\(\s*'([^']+)'\s*\)/g;

function edges(): Edge[] {
  const out: Edge[] = [];
  for (const file of sourceFiles(SRC)) {
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(IMPORT)) {
      const spec = m[1] ?? m[2] ?? m[3]!;
      const from = path.relative(ROOT, file);
      out.push({
        from,
        to: spec.startsWith('.') ? path.relative(ROOT, path.resolve(path.dirname(file), spec)) : spec,
      });
    }
  }
  return out;
}

const ALL = edges();
const moduleOf = (p: string) => /^src\/modules\/([^/]+)\//.exec(p)?.[1];
const IO_PACKAGES =
  /^(node:(fs|net|http|https|child_process|os|worker_threads)|fs|kysely|pg|better-sqlite3|fastify|@fastify\/.*)$/;

describe('the import graph follows the layout', () => {
  it('finds the sources', () => {
    expect(ALL.length).toBeGreaterThan(500);
  });

  it('platform imports no module and nothing of the app', () => {
    const bad = ALL.filter((e) => e.from.startsWith('src/platform/') && /^src\/(modules|app)\//.test(e.to));
    expect(bad).toEqual([]);
  });

  it('a module reaches another module only through its index.ts', () => {
    const bad = ALL.filter((e) => {
      const a = moduleOf(e.from);
      const b = moduleOf(e.to);
      return a && b && a !== b && !/^src\/modules\/[^/]+\/index\.ts$/.test(e.to);
    });
    expect(bad).toEqual([]);
  });

  it('modules and platform never import the app', () => {
    const bad = ALL.filter(
      (e) => /^src\/(modules|platform|reference)\//.test(e.from) && e.to.startsWith('src/app/'),
    );
    expect(bad).toEqual([]);
  });

  it('domain and reference code import no I/O, database or HTTP, and no other layer', () => {
    const bad = ALL.filter(
      (e) =>
        (/^src\/modules\/[^/]+\/domain\//.test(e.from) || e.from.startsWith('src/reference/')) &&
        (IO_PACKAGES.test(e.to) ||
          /^src\/modules\/[^/]+\/(repository|use-cases|http|cli)/.test(e.to) ||
          /^src\/(platform\/(db|jobs|http|cli|audit|files)|app)\//.test(e.to)),
    );
    expect(bad).toEqual([]);
  });

  it('the web app takes only contracts, vocabularies and pure code from the server side', () => {
    const bad = ALL.filter(
      (e) =>
        e.from.startsWith('src/web/') &&
        e.to.startsWith('src/') &&
        !e.to.startsWith('src/web/') &&
        !/(\/contracts(\/|\.ts$|\/.*)|\/vocab\.ts$|^src\/reference\/|^src\/modules\/[^/]+\/domain\/)/.test(
          e.to,
        ),
    );
    expect(bad).toEqual([]);
  });
});

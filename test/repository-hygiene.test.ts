import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * A merge that left conflict markers in a file still builds when the file is documentation, so
 * nothing else catches it: docs/decisions.md once carried `<<<<<<< HEAD` for a whole session.
 */
describe('repository hygiene', () => {
  it('no tracked file holds a merge conflict marker', () => {
    const files = execFileSync('git', ['ls-files'], { encoding: 'utf8' })
      .split('\n')
      .filter((f) => f && /\.(ts|tsx|mjs|js|json|md|css|html|yml|yaml|sh)$/.test(f) && fs.existsSync(f));
    const offenders: string[] = [];
    for (const file of files) {
      const lines = fs.readFileSync(file, 'utf8').split('\n');
      lines.forEach((line, i) => {
        if (/^(<{7}|>{7})( |$)/.test(line)) offenders.push(`${file}:${i + 1}`);
      });
    }
    expect(offenders).toEqual([]);
  });

  it('tracks nothing under node_modules (a worktree link to it was once committed)', () => {
    const tracked = execFileSync('git', ['ls-files', 'node_modules', 'node_modules/**'], {
      encoding: 'utf8',
    });
    expect(tracked.trim()).toBe('');
  });
});

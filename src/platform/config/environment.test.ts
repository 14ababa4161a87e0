import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MARKING_CODE_PATTERN } from '../../modules/registry/domain/national-marking-code.ts';
import { ConfigurationError, ENVIRONMENT_VARIABLES, readEnvironment } from './environment.ts';

describe('environment', () => {
  it('gives every default when nothing is set (and treats an empty variable as unset)', () => {
    expect(readEnvironment({ PORT: '' })).toEqual({
      databaseUrl: 'sqlite:./data/materiel.db',
      dataDir: './data',
      sessionHours: 12,
      trustProxy: false,
      logLevel: 'info',
      port: 8080,
      host: '127.0.0.1',
      markingCodePattern: DEFAULT_MARKING_CODE_PATTERN,
    });
  });

  it('reads and converts the values that are set', () => {
    const env = readEnvironment({
      MATERIEL_SESSION_HOURS: '8',
      MATERIEL_TRUST_PROXY: '1',
      LOG_LEVEL: 'warn',
      PORT: '3000',
      MATERIEL_DATA_DIR: '/srv/materiel',
    });
    expect(env).toMatchObject({
      sessionHours: 8,
      trustProxy: true,
      logLevel: 'warn',
      port: 3000,
      dataDir: '/srv/materiel',
    });
  });

  it('names each bad variable, its value and the reason', () => {
    let error: unknown;
    try {
      readEnvironment({ MATERIEL_SESSION_HOURS: 'abc', PORT: '70000', MATERIEL_TRUST_PROXY: 'yes' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    const message = (error as Error).message;
    expect(message).toContain('MATERIEL_SESSION_HOURS="abc": must be a whole number between 1 and 2160.');
    expect(message).toContain('PORT="70000": must be at most 65535.');
    expect(message).toContain('MATERIEL_TRUST_PROXY="yes": must be 0 or 1.');
    expect(message).toContain('docs/configuration.md');
  });

  it('docs/configuration.md lists every variable with its default', () => {
    const doc = fs.readFileSync(new URL('../../../docs/configuration.md', import.meta.url), 'utf8');
    for (const spec of Object.values(ENVIRONMENT_VARIABLES)) {
      const row = doc.split('\n').find((line) => line.startsWith(`| \`${spec.name}\` |`));
      expect(row, `${spec.name} is missing from docs/configuration.md`).toBeDefined();
      expect(row).toContain(`\`${spec.default}\``);
    }
  });

  it('defaults the marking-code pattern to the registry domain default', () => {
    expect(ENVIRONMENT_VARIABLES.markingCodePattern.default).toBe(DEFAULT_MARKING_CODE_PATTERN);
  });
});

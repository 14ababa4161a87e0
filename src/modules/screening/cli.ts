import fs from 'node:fs';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { parse } from 'csv-parse/sync';
import { type CommandEnv, withRuntime } from '../../platform/cli/command-kit.ts';
import { emit, table, UsageError } from '../../platform/cli/io.ts';
import { csvText } from '../../platform/files/csv-writer.ts';
import { PARTY_TYPES } from './contracts.ts';
import type { ListSource } from './domain/designations/model.ts';
import { screenBatch } from './use-cases/batch-screening.ts';
import { searchDesignations } from './use-cases/designation-service.ts';
import { diffVersions, listListVersions, loadList } from './use-cases/list-service.ts';
import {
  compareNamePairs,
  compareTwoNames,
  DEFAULT_THRESHOLD,
  screenParties,
} from './use-cases/screening-service.ts';

type PartyType = (typeof PARTY_TYPES)[number];

function readCsv(file: string): Record<string, string>[] {
  if (!fs.existsSync(file)) throw new UsageError(`${file} does not exist.`);
  try {
    return parse(fs.readFileSync(file), {
      columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()),
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
    });
  } catch (e) {
    throw new UsageError(`${file} is not a readable CSV: ${(e as Error).message}`);
  }
}

function threshold(text: string | undefined): number {
  if (text === undefined) return DEFAULT_THRESHOLD;
  const t = Number(text);
  if (!(t >= 0 && t <= 1)) throw new UsageError('--threshold is a number between 0 and 1, e.g. 0.8.');
  return t;
}

export function registerScreeningCommands(program: Command, env: CommandEnv): void {
  const lists = program
    .command('lists')
    .description('Designations lists (UN Security Council Consolidated List, OFAC SDN)');
  lists
    .command('load')
    .description('Load a version of a list from a file or URL; the same file twice changes nothing')
    .argument('<file-or-url>')
    .option('--source <source>', 'un-sc or ofac-sdn (detected from the file when left out)')
    .option(
      '--version <date>',
      'OFAC files carry no date: give it (YYYY-MM-DD), unless the file name has one',
    )
    .action(
      withRuntime(
        env,
        async ({ runtime, actor, io, json }, fileOrUrl: string, o: { source?: string; version?: string }) => {
          if (o.source && !['un-sc', 'ofac-sdn'].includes(o.source))
            throw new UsageError('--source is un-sc or ofac-sdn.');
          const r = await loadList(runtime.ctx, actor, {
            fileOrUrl,
            source: o.source as ListSource | undefined,
            version: o.version,
          });
          emit(io, json, r, () =>
            r.unchanged
              ? `${r.source} ${r.version} was loaded already: nothing changed.`
              : `Loaded ${r.source} ${r.version}: ${r.persons} persons, ${r.entities} entities.${r.previousVersion ? ` Since ${r.previousVersion}: ${r.added.length} added, ${r.removed.length} removed, ${r.changed.length} changed.` : ''}`,
          );
        },
      ),
    );
  lists
    .command('versions')
    .description('The loaded versions')
    .action(
      withRuntime(env, async ({ runtime, actor, io, json }) => {
        const versions = await listListVersions(runtime.ctx, actor);
        emit(io, json, { versions }, () =>
          table(versions, ['id', 'source', 'version', 'loadedAt', 'fileName']),
        );
      }),
    );
  lists
    .command('show')
    .description('Designated parties as the lists stood on a date (today by default)')
    .option('--as-of <date>', 'YYYY-MM-DD: the list versions in force on that day')
    .option('--search <text>', 'part of a name, or a reference number (e.g. QDi.080)')
    .option('--source <source>', 'un-sc or ofac-sdn (both by default)')
    .option('--limit <n>', 'at most this many per list (1 to 500)', '100')
    .action(
      withRuntime(
        env,
        async (
          { runtime, actor, io, json },
          o: { asOf?: string; search?: string; source?: string; limit: string },
        ) => {
          if (o.source && !['un-sc', 'ofac-sdn'].includes(o.source))
            throw new UsageError('--source is un-sc or ofac-sdn.');
          const limit = Number(o.limit);
          if (!Number.isInteger(limit) || limit < 1 || limit > 500)
            throw new UsageError('--limit is a whole number from 1 to 500.');
          const found = await searchDesignations(runtime.ctx, actor, {
            asOf: o.asOf,
            text: o.search,
            source: o.source,
            limit,
          });
          emit(io, json, found, () =>
            found.items.length
              ? table(found.items, ['source', 'version', 'ref', 'type', 'name'])
              : `No designation${o.search ? ` matching "${o.search}"` : ''} in the lists in force${o.asOf ? ` on ${o.asOf}` : ''}.`,
          );
        },
      ),
    );
  lists
    .command('diff')
    .description('What changed between two versions, field by field')
    .argument('<from-version-id>')
    .argument('<to-version-id>')
    .action(
      withRuntime(env, async ({ runtime, actor, io, json }, from: string, to: string) => {
        const d = await diffVersions(runtime.ctx, actor, from, to);
        emit(io, json, d, () =>
          [
            `${d.source} ${d.fromVersion} -> ${d.toVersion}: ${d.added.length} added, ${d.removed.length} removed, ${d.changed.length} changed, ${d.unchanged} unchanged`,
            d.added.length ? `Added: ${d.added.join(', ')}` : '',
            d.removed.length ? `Removed: ${d.removed.join(', ')}` : '',
            ...d.changed
              .slice(0, 50)
              .map((c) => `Changed ${c.ref} ${c.name}: ${c.fields.map((f) => f.field).join(', ')}`),
          ]
            .filter(Boolean)
            .join('\n'),
        );
      }),
    );

  const screenCommand = program
    .command('screen')
    .description('Screen a name (or a CSV of parties with --input) against the designations lists')
    .argument('[name]', 'the name to screen')
    .option('--type <type>', 'person, organization, vessel or any', 'any')
    .option('--dob <date>', 'date of birth: YYYY, YYYY-MM or YYYY-MM-DD')
    .option('--country <iso3>', 'nationality or country')
    .option('--threshold <t>', `score from which a candidate is reported (default ${DEFAULT_THRESHOLD})`)
    .option('--limit <n>', 'candidates per name', '10')
    .option('--input <csv>', 'parties to screen: columns id, name, and optional type, dob, country')
    .option('--output <csv>', 'results: id,name,rank,ref,source,matched_name,score,explanation')
    .action(
      withRuntime(
        env,
        async (
          { runtime, actor, io, json },
          name: string | undefined,
          o: Record<string, string | undefined>,
        ) => {
          if (o.input) {
            if (!o.output) throw new UsageError('--input needs --output FILE for the results.');
            const t = threshold(o.threshold);
            const rows = readCsv(o.input);
            if (rows.length && !('name' in rows[0]!))
              throw new UsageError(
                `${o.input} needs a "name" column (and "id"; optional type, dob, country).`,
              );
            const bar =
              io.interactive && !json
                ? new cliProgress.SingleBar(
                    {
                      stream: process.stderr,
                      format: ' {bar} {value}/{total} parties | {eta_formatted} left',
                    },
                    cliProgress.Presets.shades_classic,
                  )
                : null;
            let batch: Awaited<ReturnType<typeof screenBatch>>;
            try {
              batch = await screenBatch(
                runtime.ctx,
                actor,
                {
                  queries: rows.map((row) => ({
                    name: row.name,
                    type: row.type || undefined,
                    dob: row.dob || undefined,
                    country: row.country || undefined,
                  })),
                  threshold: t,
                  limit: Number(o.limit ?? 10),
                },
                {
                  // Drawn once screening starts, so that a refusal prints no empty bar.
                  onProgress: (done, total) => (done === 0 ? bar?.start(total, 0) : bar?.update(done)),
                },
              );
            } finally {
              bar?.stop();
            }
            const out: (string | number)[][] = [
              ['id', 'name', 'rank', 'ref', 'source', 'matched_name', 'score', 'explanation'],
            ];
            const errors = batch.rejected.map((r) => ({ row: r.index + 2, message: r.message }));
            const screened = new Map(batch.screened.map((x) => [x.index, x.results]));
            const rejected = new Map(batch.rejected.map((x) => [x.index, x.message]));
            rows.forEach((row, i) => {
              const hits = screened.get(i);
              if (!hits) {
                out.push([
                  row.id ?? '',
                  row.name ?? '',
                  '',
                  '',
                  '',
                  '',
                  '',
                  `not screened: ${rejected.get(i)}`,
                ]);
                return;
              }
              if (!hits.length) out.push([row.id ?? '', row.name ?? '', '', '', '', '', '', '']);
              for (const [rank, h] of hits.entries())
                out.push([
                  row.id ?? '',
                  row.name ?? '',
                  rank + 1,
                  h.ref,
                  h.source,
                  h.matchedName,
                  h.score,
                  h.explanation.join(' | '),
                ]);
            });
            fs.writeFileSync(o.output, csvText(out, { bom: true }));
            const summary = {
              queries: rows.length,
              withHits: batch.withCandidates,
              rows: out.length - 1,
              rejected: errors.length,
              errors,
              output: o.output,
              listVersion: batch.listVersion,
              threshold: batch.threshold,
              seconds: batch.seconds,
            };
            emit(
              io,
              json,
              summary,
              () =>
                `Screened ${rows.length - errors.length} of ${rows.length} parties in ${summary.seconds} s against ${summary.listVersion}: ${summary.withHits} with candidates. Results in ${o.output}.${errors.length ? `\n${errors.length} row(s) not screened:${errors.map((e) => `\n  row ${e.row}: ${e.message}`).join('')}` : ''}`,
            );
            return;
          }
          if (!name) throw new UsageError('Give a name to screen, or --input FILE --output FILE.');
          const result = await screenParties(runtime.ctx, actor, {
            queries: [{ name, type: o.type, dob: o.dob, country: o.country }],
            threshold: o.threshold === undefined ? undefined : threshold(o.threshold),
            limit: Number(o.limit ?? 10),
          });
          const results = result.results[0]!.results;
          emit(
            io,
            json,
            {
              query: result.results[0]!.query,
              listVersion: result.listVersion,
              threshold: result.threshold,
              results,
            },
            () =>
              results.length
                ? results
                    .map(
                      (r) =>
                        `${r.score.toFixed(2)}  ${r.ref}  ${r.name}${r.matchedName !== r.name ? ` (as "${r.matchedName}")` : ''}\n      ${r.explanation.join('\n      ')}`,
                    )
                    .join('\n')
                : `No candidate at or above ${result.threshold} in ${result.listVersion}.`,
          );
        },
      ),
    );
  screenCommand
    .command('compare')
    .description('Why two names do or do not match (or many pairs with --pairs)')
    .argument('[name-a]')
    .argument('[name-b]')
    .option('--type <type>', 'person, organization, vessel or any', 'any')
    .option('--pairs <csv>', 'columns name1, name2 and optional schema (Person, Company, Vessel...)')
    .option('--output <csv>', 'the pairs with a score column')
    .action(
      withRuntime(
        env,
        async (
          { runtime, actor, io, json },
          a: string | undefined,
          b: string | undefined,
          o: { type: string; pairs?: string; output?: string },
          command: Command,
        ) => {
          // "screen" has --type and --output too, and commander gives an option to the parent command
          // wherever it appears on the line: read them from there when this command did not get them.
          const parent = command.parent?.opts<{ type?: string; output?: string }>() ?? {};
          const output = o.output ?? parent.output;
          const type = o.type !== 'any' ? o.type : (parent.type ?? 'any');
          if (!(PARTY_TYPES as readonly string[]).includes(type))
            throw new UsageError(`--type is one of ${PARTY_TYPES.join(', ')}.`);
          if (o.pairs) {
            if (!output) throw new UsageError('--pairs needs --output FILE.');
            const rows = readCsv(o.pairs);
            const typeOf = (schema: string | undefined): PartyType =>
              /person/i.test(schema ?? '')
                ? 'person'
                : /vessel/i.test(schema ?? '')
                  ? 'vessel'
                  : /company|organi[sz]ation|legalentity/i.test(schema ?? '')
                    ? 'organization'
                    : (type as PartyType);
            const header = rows.length ? Object.keys(rows[0]!) : ['name1', 'name2'];
            if (!header.includes('name1') || !header.includes('name2'))
              throw new UsageError(`${o.pairs} needs the columns name1 and name2 (and optional schema).`);
            const compared = await compareNamePairs(
              runtime.ctx,
              actor,
              rows.map((row) => ({ a: row.name1, b: row.name2, type: typeOf(row.schema) })),
            );
            const out = [[...header, 'score']];
            const errors: { row: number; message: string }[] = [];
            rows.forEach((row, i) => {
              const c = compared[i];
              if (!c) errors.push({ row: i + 2, message: 'name1 or name2 is empty: not scored.' });
              out.push([...header.map((h) => row[h] ?? ''), c ? String(c.score) : '']);
            });
            fs.writeFileSync(output, csvText(out));
            emit(
              io,
              json,
              { pairs: rows.length, scored: rows.length - errors.length, errors, output },
              () =>
                `Scored ${rows.length - errors.length} of ${rows.length} pairs into ${output}.${errors.map((e) => `\n  row ${e.row}: ${e.message}`).join('')}`,
            );
            return;
          }
          if (!a || !b) throw new UsageError('Give two names, or --pairs FILE --output FILE.');
          const r = await compareTwoNames(runtime.ctx, actor, a, b, type as PartyType);
          emit(io, json, r, () => `${r.score.toFixed(3)}\n  ${r.explanation.join('\n  ')}`);
        },
      ),
    );
}

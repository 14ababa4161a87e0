import fs from 'node:fs';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { type CommandEnv, withRuntime } from '../../platform/cli/command-kit.ts';
import { type CliIo, emit, table, UsageError } from '../../platform/cli/io.ts';
import { EXPORT_FORMATS, type ExportFormat, exportItems } from './use-cases/export-service.ts';
import { importItems } from './use-cases/import-service.ts';
import { issueMarkingCodes } from './use-cases/marking-code-service.ts';
import { createSite, listSites } from './use-cases/site-service.ts';
import { getWeapon, listWeapons, recordWeaponEvent, registerWeapon } from './use-cases/weapon-service.ts';
import { REGISTRY_VOCABULARIES, type RegistryVocabularyName } from './vocab.ts';

/** Counts lines quickly so the progress bar of a CSV import knows its end. */
async function countLines(file: string): Promise<number | null> {
  if (!file.toLowerCase().endsWith('.csv')) return null;
  let lines = 0;
  for await (const chunk of fs.createReadStream(file)) {
    const buf = chunk as Buffer;
    for (let i = buf.indexOf(10); i !== -1; i = buf.indexOf(10, i + 1)) lines++;
  }
  return lines;
}

function progressBar(io: CliIo, json: boolean, total: number | null) {
  if (!io.interactive || json) return { update: (_n: number, _phase?: string) => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar(
    {
      format: total
        ? ' {bar} {percentage}% | {value}/{total} rows | {eta_formatted} left'
        : ' {value} rows read',
      stream: process.stderr,
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total ?? 0, 0);
  let phase = 'reading';
  return {
    update: (n: number, next = 'reading') => {
      if (next === phase) {
        bar.update(n);
        return;
      }
      phase = next;
      // After the last row: say what the wait is for rather than leave a full bar standing.
      if (next === 'indexing') {
        bar.stop();
        process.stderr.write(' Rebuilding the registry indexes...\n');
      } else if (next === 'finishing') {
        bar.stop();
        process.stderr.write(' Saving...\n');
      }
    },
    stop: () => bar.stop(),
  };
}

function readJsonFile(file: string, what: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new UsageError(`The ${what} ${file} could not be read as JSON: ${(e as Error).message}`);
  }
}

export function registerRegistryCommands(program: Command, env: CommandEnv): void {
  const imp = program.command('import').description('Import data from files');
  imp
    .command('items')
    .description(
      'Import a weapons inventory (CSV or XLSX); all or nothing unless --partial; re-running changes nothing',
    )
    .argument('<file>', 'the inventory file')
    .requiredOption('--org <id>', 'the organisation the weapons belong to')
    .option(
      '--mapping <file>',
      'JSON: {"headerRow": 3, "columns": {"Their header": "serial", "F": null}, "defaults": {"category": "assault_rifles"}}',
    )
    .option('--dry-run', 'check every row and report, without writing anything')
    .option('--partial', 'commit the valid rows and write the refused ones to FILE.rejects.csv')
    .option('--rejects <file>', 'where to write the refused rows (with --partial)')
    .option('--confidentiality <level>', 'of the imported records', 'restricted')
    .option('--registered-on <date>', 'date of the "registered" events, YYYY-MM-DD (today by default)')
    .action(
      withRuntime(
        env,
        async (
          { runtime, actor, io, json },
          file: string,
          opts: {
            org: string;
            mapping?: string;
            dryRun?: boolean;
            partial?: boolean;
            rejects?: string;
            confidentiality: string;
            registeredOn?: string;
          },
        ) => {
          if (!fs.existsSync(file)) throw new UsageError(`${file} does not exist.`);
          const bar = progressBar(io, json, await countLines(file));
          let summary: Awaited<ReturnType<typeof importItems>>;
          try {
            summary = await importItems(runtime.ctx, actor, {
              organisationId: opts.org,
              filePath: file,
              mapping: opts.mapping ? readJsonFile(opts.mapping, 'mapping file') : undefined,
              dryRun: opts.dryRun,
              partial: opts.partial,
              rejectsPath: opts.rejects,
              confidentiality: opts.confidentiality as never,
              registeredOn: opts.registeredOn,
              onProgress: bar.update,
            });
          } finally {
            bar.stop();
          }
          emit(io, json, summary, () =>
            [
              `${summary.rows} rows read: ${summary.imported} ${summary.committed ? 'imported' : summary.dryRun ? 'would be imported' : 'valid (nothing written)'}, ${summary.unchanged} unchanged, ${summary.rejected} rejected.`,
              ...summary.errors
                .slice(0, 50)
                .map((e) => `  row ${e.row}, ${e.column} = "${e.value}": ${e.message}`),
              summary.errors.length > 50
                ? `  ... and ${summary.errors.length - 50} more (use --json for all)`
                : '',
              summary.duplicates.length ? `${summary.duplicates.length} likely duplicates:` : '',
              ...summary.duplicates.slice(0, 20).map((d) => `  row ${d.row} (${d.serial}): ${d.message}`),
              summary.sitesCreated.length ? `Sites created: ${summary.sitesCreated.join(', ')}` : '',
              summary.rejectsFile ? `Refused rows written to ${summary.rejectsFile}` : '',
              !summary.committed && !summary.dryRun && summary.rejected
                ? 'Nothing was written. Correct the rows above and run again, or use --partial.'
                : '',
            ]
              .filter(Boolean)
              .join('\n'),
          );
          // Bad rows are bad input (exit 2) whenever they were not accepted as rejects by --partial,
          // so a --dry-run check of a file fails in scripts as the real run would.
          if (summary.rejected && !opts.partial) env.exitCode = 2;
        },
      ),
    );

  const exp = program.command('export').description('Export data to files');
  exp
    .command('items')
    .description("Export an organisation's registry")
    .requiredOption('--org <id>', 'organisation id')
    .requiredOption('--out <file>', 'file to write')
    .option('--format <format>', EXPORT_FORMATS.join(' | '), 'csv')
    .action(
      withRuntime(
        env,
        async ({ runtime, actor, io, json }, opts: { org: string; out: string; format: string }) => {
          if (!(EXPORT_FORMATS as readonly string[]).includes(opts.format))
            throw new UsageError(`--format must be one of ${EXPORT_FORMATS.join(', ')}.`);
          const result = await exportItems(
            runtime.ctx,
            actor,
            opts.org,
            opts.format as ExportFormat,
            opts.out,
          );
          emit(io, json, result, () => `Wrote ${result.rows} weapons to ${result.file}.`);
        },
      ),
    );

  const items = program.command('items').description('Weapons in the registry');
  items
    .command('list')
    .description('Search the registry')
    .option('--org <id>', 'organisation id')
    .option('--category <code-or-label>')
    .option('--make <make>')
    .option('--calibre <calibre>')
    .option('--status <status>')
    .option('--site <id>')
    .option('--q <text>', 'serial (partial with ?, e.g. 56?21?4) or marking text')
    .option('--sort <field>', 'created_at, make, model, serial, category, status', 'created_at')
    .option('--direction <asc|desc>', 'sort order', 'desc')
    .option('--limit <n>', 'how many', '50')
    .option('--offset <n>', 'skip', '0')
    .action(
      withRuntime(env, async ({ runtime, actor, io, json }, o: Record<string, string | undefined>) => {
        const page = await listWeapons(runtime.ctx, actor, {
          organisationId: o.org,
          category: o.category,
          make: o.make,
          calibre: o.calibre,
          status: o.status,
          siteId: o.site,
          q: o.q,
          sort: o.sort,
          direction: o.direction,
          limit: o.limit,
          offset: o.offset,
        });
        emit(
          io,
          json,
          page,
          () =>
            `${table(page.items, ['id', 'category', 'make', 'model', 'calibre', 'serial', 'status'])}\n${page.total} in all.`,
        );
      }),
    );
  items
    .command('show')
    .description('A weapon with its markings and ledger')
    .argument('<id>')
    .action(
      withRuntime(env, async ({ runtime, actor, io, json }, id: string) => {
        const w = await getWeapon(runtime.ctx, actor, id);
        emit(io, json, w, () =>
          [
            `${w.make ?? '?'} ${w.model ?? ''} ${w.calibre ?? ''} serial ${w.serial ?? '(none)'} - ${w.category}, ${w.status}`,
            `Markings:\n${table(w.markings, ['kind', 'text', 'script', 'position'])}`,
            `Ledger:\n${table(w.events, ['seq', 'occurredOn', 'type', 'counterpart', 'holder', 'reason'])}`,
          ].join('\n'),
        );
      }),
    );
  items
    .command('add')
    .description('Register a weapon (JSON fields as in POST /api/weapons, from --file or the options)')
    .requiredOption('--org <id>', 'organisation id')
    .option('--file <json>', 'a JSON file with the weapon (markings included)')
    .option('--category <code-or-label>')
    .option('--make <make>')
    .option('--model <model>')
    .option('--calibre <calibre>')
    .option('--serial <serial>', 'as read; ? for each unreadable character')
    .option('--country <iso3>', 'country of manufacture')
    .option('--year <yyyy>', 'year of manufacture')
    .option('--registration <number>', 'national registration number')
    .option('--marking <text...>', 'other markings as read')
    .option(
      '--issue-marking-code',
      'issue a national marking code with the registration (for a weapon without a usable marking)',
    )
    .option('--marking-country <iso3>', "country of that code (the organisation's by default)")
    .action(
      withRuntime(
        env,
        async ({ runtime, actor, io, json }, o: Record<string, string | string[] | undefined>) => {
          const base = o.file ? (readJsonFile(String(o.file), 'weapon file') as Record<string, unknown>) : {};
          const w = await registerWeapon(runtime.ctx, actor, {
            ...base,
            organisationId: o.org,
            ...(o.category && { category: o.category }),
            ...(o.make && { make: o.make }),
            ...(o.model && { model: o.model }),
            ...(o.calibre && { calibre: o.calibre }),
            ...(o.serial && { serial: o.serial }),
            ...(o.country && { countryOfManufacture: o.country }),
            ...(o.year && { yearOfManufacture: o.year }),
            ...(o.registration && { nationalRegistrationNumber: o.registration }),
            ...(o.marking && { markings: (o.marking as string[]).map((text) => ({ kind: 'other', text })) }),
            ...(o.issueMarkingCode && { issueNationalMarkingCode: true }),
            ...(o.markingCountry && { markingCodeCountry: o.markingCountry }),
          });
          emit(
            io,
            json,
            w,
            () => `Registered ${w.make ?? ''} ${w.model ?? ''} serial ${w.serial ?? '(none)'}, id ${w.id}`,
          );
        },
      ),
    );
  items
    .command('mark')
    .description(
      'Issue national marking codes to weapons without a usable marking (prints the codes for labels)',
    )
    .argument('<ids...>', 'weapon ids')
    .option('--country <iso3>', "defaults to the organisation's country")
    .option('--year <yyyy>', 'defaults to this year')
    .action(
      withRuntime(
        env,
        async ({ runtime, actor, io, json }, ids: string[], o: { country?: string; year?: string }) => {
          const issued = await issueMarkingCodes(runtime.ctx, actor, {
            weaponIds: ids,
            country: o.country,
            year: o.year ? Number(o.year) : undefined,
          });
          emit(io, json, { issued }, () => table(issued, ['weaponId', 'code']));
        },
      ),
    );

  const events = program.command('events').description('Ledger events');
  events
    .command('add')
    .description(
      "Record an event in a weapon's ledger (issued, returned, transferred, reported_stolen, destroyed...)",
    )
    .argument('<weapon-id>')
    .requiredOption('--type <type>', 'code or label, see "materiel vocab event-types"')
    .option('--date <yyyy-mm-dd>', 'when it happened (default today)')
    .option('--site <id>', 'where the weapon is afterwards')
    .option('--counterpart <name>', 'the other party')
    .option('--holder <name>', 'who holds it afterwards')
    .option('--place <text>')
    .option('--document <kind:reference...>', 'documents, e.g. licence:LIC-2024-17')
    .option('--corrects <event-id>', 'the event this one corrects')
    .option('--reason <text>', 'required for a correction')
    .action(
      withRuntime(
        env,
        async (
          { runtime, actor, io, json },
          weaponId: string,
          o: Record<string, string | string[] | undefined>,
        ) => {
          const w = await recordWeaponEvent(runtime.ctx, actor, weaponId, {
            type: o.type,
            occurredOn: o.date ?? new Date().toISOString().slice(0, 10),
            siteId: o.site,
            counterpart: o.counterpart,
            holder: o.holder,
            place: o.place,
            correctsEventId: o.corrects,
            reason: o.reason,
            documents: ((o.document as string[] | undefined) ?? []).map((d) => {
              const [kind, ...ref] = d.split(':');
              return ref.length ? { kind, reference: ref.join(':') } : { kind: 'other', reference: d };
            }),
          });
          const last = w.events[w.events.length - 1]!;
          emit(
            io,
            json,
            { weapon: w, event: last },
            () => `Recorded ${last.type} on ${last.occurredOn}; the weapon is now ${w.status}.`,
          );
        },
      ),
    );

  const sites = program.command('sites').description('Storage sites (depots, armouries, unit stores)');
  sites
    .command('add')
    .requiredOption('--org <id>', 'organisation id')
    .requiredOption('--name <name>')
    .option('--kind <kind>', 'depot, armoury, unit_store, collection_point, other', 'depot')
    .option('--country <iso3>')
    .action(
      withRuntime(
        env,
        async (
          { runtime, actor, io, json },
          o: { org: string; name: string; kind: string; country?: string },
        ) => {
          const s = await createSite(runtime.ctx, actor, {
            organisationId: o.org,
            name: o.name,
            kind: o.kind,
            country: o.country,
          });
          emit(io, json, s, () => `Added site ${s.name}, id ${s.id}`);
        },
      ),
    );
  sites
    .command('list')
    .option('--org <id>', 'organisation id')
    .action(
      withRuntime(env, async ({ runtime, actor, io, json }, o: { org?: string }) => {
        const list = await listSites(runtime.ctx, actor, o.org);
        emit(io, json, { sites: list }, () => table(list, ['id', 'name', 'kind', 'country']));
      }),
    );

  program
    .command('vocab')
    .description(`Controlled vocabularies: ${Object.keys(REGISTRY_VOCABULARIES).join(', ')}`)
    .argument('<name>', 'which list')
    .action((name: string, _opts: unknown, command: Command) => {
      const vocab = REGISTRY_VOCABULARIES[name as RegistryVocabularyName];
      if (!vocab)
        throw new UsageError(
          `Unknown vocabulary "${name}". Choose one of: ${Object.keys(REGISTRY_VOCABULARIES).join(', ')}.`,
        );
      const entries = vocab.entries.map((e) => ({ code: e.code, label: e.label, labelFr: e.labelFr }));
      let root = command;
      while (root.parent) root = root.parent;
      emit(env.io, Boolean(root.opts().json), { name, entries }, () =>
        table(entries, ['code', 'label', 'labelFr']),
      );
    });
}

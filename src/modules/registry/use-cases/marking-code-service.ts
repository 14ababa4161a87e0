import { type Actor, actorLabel } from '../../../platform/access/actor.ts';
import { recordKind, requireRecord } from '../../../platform/access/require-record.ts';
import { environment } from '../../../platform/config/environment.ts';
import type { AppContext } from '../../../platform/context.ts';
import { newId } from '../../../platform/db/ids.ts';
import { toJson } from '../../../platform/db/json.ts';
import type { Db } from '../../../platform/db/schema.ts';
import { validationError } from '../../../platform/errors.ts';
import { write } from '../../../platform/use-case/write.ts';
import { findOrganisation } from '../../identity/index.ts';
import { checkNewEvent } from '../domain/ledger.ts';
import {
  compileMarkingCodePattern,
  formatMarkingCode,
  type MarkingCodePattern,
  markingCodeSequenceScope,
} from '../domain/national-marking-code.ts';
import { normaliseMarkingText } from '../domain/serial.ts';
import { toDomainEvent } from '../presenters.ts';
import { insertEvent, listEvents, nextEventSeq } from '../repository/ledger-repository.ts';
import { takeNextSequence } from '../repository/marking-code-repository.ts';
import * as repo from '../repository/weapon-repository.ts';
import { ledgerEventRow } from './ledger-event-row.ts';

export interface IssueMarkingCodesInput {
  weaponIds: string[];
  /** ISO3; defaults to the owning organisation's country. */
  country?: string;
  year?: number;
  /** e.g. '{country}-{year}-{seq:6}-{check}'; defaults to MATERIEL_MARKING_CODE_PATTERN or that. */
  pattern?: string;
  occurredOn?: string;
}

export interface IssuedCode {
  weaponId: string;
  code: string;
}

/** The next unused code for a country and year (the caller's transaction holds the counter). */
export async function allocateMarkingCode(
  trx: Db,
  pattern: MarkingCodePattern,
  country: string,
  year: number,
): Promise<string> {
  // One counter per country and year whatever the pattern, so a reworded pattern never reissues a number.
  const seq = await takeNextSequence(trx, markingCodeSequenceScope({ country, year }));
  return formatMarkingCode(pattern, { country, year, seq });
}

/** The installation's pattern, compiled, or a validation error naming what is wrong with it. */
export function compiledMarkingCodePattern(input?: string): MarkingCodePattern {
  const compiled = compileMarkingCodePattern(markingCodePattern(input));
  if (!compiled.ok)
    throw validationError(compiled.message, [{ field: 'pattern', message: compiled.message }]);
  return compiled.pattern;
}

export function markingCodePattern(input?: string): string {
  return input ?? environment().markingCodePattern;
}

/**
 * Issues national marking codes (ITI para 8) to weapons without a usable marking: one unique code
 * each, from a counter per pattern, country and year so that no code is ever issued twice. Each
 * weapon gains the code as a marking, a `marked` event, and an audit entry.
 */
export async function issueMarkingCodes(
  ctx: AppContext,
  actor: Actor,
  input: IssueMarkingCodesInput,
): Promise<IssuedCode[]> {
  if (input.weaponIds.length === 0)
    throw validationError('Choose at least one weapon.', [{ field: 'weaponIds', message: 'Empty.' }]);
  if (input.weaponIds.length > 5000)
    throw validationError('Issue at most 5,000 codes at a time.', [
      { field: 'weaponIds', message: 'Too many.' },
    ]);
  const pattern = compiledMarkingCodePattern(input.pattern);
  const year = input.year ?? ctx.now().getUTCFullYear();
  return write(ctx, actor, async ({ trx, at: now, audit }) => {
    const issued: IssuedCode[] = [];
    for (const weaponId of input.weaponIds) {
      const weapon = await requireRecord(
        { db: trx, now: ctx.now },
        actor,
        recordKind({ type: 'weapon', what: `The weapon ${weaponId}`, read: 'registry.read' }),
        await repo.findWeapon(trx, weaponId),
        {
          anyOf: ['registry.write'],
          denied: "Only the organisation's registrars and administrators can issue marking codes.",
        },
      );
      if (weapon.national_marking_code) {
        throw validationError(
          `Weapon ${weaponId} already carries the national marking code ${weapon.national_marking_code}.`,
          [{ field: 'weaponIds', message: 'Already marked.' }],
        );
      }
      const country = (
        input.country ??
        (await findOrganisation(trx, weapon.organisation_id))?.country ??
        ''
      ).toUpperCase();
      if (!country) {
        throw validationError(
          "The organisation has no country: give the country of the code (ISO3), or set the organisation's country.",
          [{ field: 'country', message: 'Missing.' }],
        );
      }
      const code = await allocateMarkingCode(trx, pattern, country, year);
      const event = ledgerEventRow({
        organisation_id: weapon.organisation_id,
        subject_type: 'weapon',
        subject_id: weaponId,
        seq: await nextEventSeq(trx, weaponId),
        type: 'marked',
        occurred_on: input.occurredOn ?? now.slice(0, 10),
        site_id: weapon.site_id,
        actor_organisation: weapon.organisation_id,
        details_json: toJson({ nationalMarkingCode: code }),
        recorded_by: actorLabel(actor),
        recorded_at: now,
      });
      const result = checkNewEvent(
        (await listEvents(trx, weaponId)).map(toDomainEvent),
        toDomainEvent(event),
        'piece',
      );
      if (!result.ok) throw validationError(result.violation.message);
      await insertEvent(trx, event);
      await repo.updateWeapon(trx, weaponId, { national_marking_code: code, updated_at: now });
      await repo.insertMarkings(trx, [
        {
          id: newId(),
          weapon_id: weaponId,
          kind: 'national_marking_code',
          text_raw: code,
          text_normalised: normaliseMarkingText(code),
          script: 'latin',
          transliteration: null,
          position: null,
          attachment_id: null,
          created_at: now,
        },
      ]);
      await audit({
        action: 'weapon.marking_code',
        recordType: 'weapon',
        recordId: weaponId,
        organisationId: weapon.organisation_id,
        after: { nationalMarkingCode: code },
      });
      issued.push({ weaponId, code });
    }
    return issued;
  });
}

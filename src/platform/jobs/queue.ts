import { hostname } from 'node:os';
import type { AppContext } from '../context.ts';
import { newId } from '../db/ids.ts';
import { fromJson, toJson } from '../db/json.ts';
import type { Db, Row } from '../db/schema.ts';
import { claimNextJob, insertJob, updateJob } from './job-repository.ts';

/** A kind of background work: its handler gets the payload and may report progress in its result. */
export interface JobDefinition<P = unknown> {
  kind: string;
  handle(ctx: AppContext, payload: P, job: Row<'jobs'>): Promise<unknown>;
}

/** Erases a job's payload type so that definitions of different jobs fit one worker. */
export function defineJob<P>(definition: JobDefinition<P>): JobDefinition {
  return definition as unknown as JobDefinition;
}

export interface EnqueueOptions {
  organisationId?: string | null;
  createdBy: string;
  runAt?: Date;
  maxAttempts?: number;
}

export async function enqueueJob(
  db: Db,
  kind: string,
  payload: unknown,
  options: EnqueueOptions,
  now = new Date(),
): Promise<string> {
  const id = newId();
  await insertJob(db, {
    id,
    kind,
    payload_json: toJson(payload) ?? '{}',
    status: 'queued',
    run_at: (options.runAt ?? now).toISOString(),
    attempts: 0,
    max_attempts: options.maxAttempts ?? 3,
    locked_by: null,
    locked_until: null,
    last_error: null,
    result_json: null,
    organisation_id: options.organisationId ?? null,
    created_by: options.createdBy,
    created_at: now.toISOString(),
    finished_at: null,
  });
  return id;
}

const LOCK_MINUTES = 30;

/**
 * Runs due jobs one at a time. Failures are retried with a growing delay, up to max_attempts;
 * the error is kept on the job so an administrator can see why it failed.
 */
export class JobWorker {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private readonly id = `${hostname()}:${process.pid}:${newId().slice(-6)}`;
  private readonly definitions = new Map<string, JobDefinition>();

  constructor(
    private readonly ctx: AppContext,
    definitions: JobDefinition[],
    private readonly pollMs = 1000,
  ) {
    for (const d of definitions) this.definitions.set(d.kind, d);
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      if (!this.running)
        this.running = this.drain()
          .then(
            () => undefined,
            () => undefined,
          )
          .finally(() => {
            this.running = null;
          });
    }, this.pollMs);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Runs every due job now; returns how many ran. Tests call this instead of waiting for the timer. */
  async drain(): Promise<number> {
    let ran = 0;
    for (;;) {
      const now = this.ctx.now();
      const job = await claimNextJob(
        this.ctx.db,
        this.id,
        now.toISOString(),
        new Date(now.getTime() + LOCK_MINUTES * 60_000).toISOString(),
      );
      if (!job) return ran;
      ran++;
      await this.runOne(job);
    }
  }

  private async runOne(job: Row<'jobs'>): Promise<void> {
    const definition = this.definitions.get(job.kind);
    try {
      if (!definition) throw new Error(`No handler for jobs of kind "${job.kind}".`);
      const result = await definition.handle(this.ctx, fromJson(job.payload_json), job);
      await updateJob(this.ctx.db, job.id, {
        status: 'done',
        result_json: toJson(result),
        finished_at: this.ctx.now().toISOString(),
        locked_until: null,
        last_error: null,
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const retry = Number(job.attempts) < Number(job.max_attempts);
      const delayMs = 2 ** Number(job.attempts) * 30_000;
      await updateJob(this.ctx.db, job.id, {
        status: retry ? 'queued' : 'failed',
        last_error: message,
        locked_until: null,
        run_at: retry ? new Date(this.ctx.now().getTime() + delayMs).toISOString() : job.run_at,
        finished_at: retry ? null : this.ctx.now().toISOString(),
      });
    }
  }
}

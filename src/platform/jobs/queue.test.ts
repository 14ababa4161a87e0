import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, ENGINES, type TestDatabase } from '../../../test/support/databases.ts';
import { findJob } from './job-repository.ts';
import { enqueueJob, JobWorker } from './queue.ts';

describe.each(ENGINES)('job queue on %s', (engine) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(engine);
  });
  afterAll(async () => t.dispose());

  it('runs a queued job once and keeps its result', async () => {
    const seen: unknown[] = [];
    const worker = new JobWorker(t.ctx, [
      {
        kind: 'echo',
        handle: async (_ctx, payload) => {
          seen.push(payload);
          return { echoed: payload };
        },
      },
    ]);
    const id = await enqueueJob(t.ctx.db, 'echo', { n: 1 }, { createdBy: 'test' });
    expect(await worker.drain()).toBe(1);
    expect(await worker.drain()).toBe(0);
    expect(seen).toEqual([{ n: 1 }]);
    const job = await findJob(t.ctx.db, id);
    expect(job?.status).toBe('done');
    expect(JSON.parse(job!.result_json!)).toEqual({ echoed: { n: 1 } });
  });

  it('retries a failing job later, then marks it failed with the reason', async () => {
    let now = new Date('2026-01-01T00:00:00Z');
    const ctx = { ...t.ctx, now: () => now };
    const worker = new JobWorker(ctx, [
      {
        kind: 'boom',
        handle: async () => {
          throw new Error('list server unreachable');
        },
      },
    ]);
    const id = await enqueueJob(ctx.db, 'boom', {}, { createdBy: 'test', maxAttempts: 2 }, now);
    await worker.drain();
    expect((await findJob(ctx.db, id))?.status).toBe('queued');
    expect(await worker.drain()).toBe(0); // not due yet
    now = new Date(now.getTime() + 3_600_000);
    await worker.drain();
    const job = await findJob(ctx.db, id);
    expect(job?.status).toBe('failed');
    expect(job?.last_error).toBe('list server unreachable');
  });

  it('gives a job to only one of two workers', async () => {
    let runs = 0;
    const def = {
      kind: 'once',
      handle: async () => {
        runs++;
      },
    };
    await enqueueJob(t.ctx.db, 'once', {}, { createdBy: 'test' });
    const a = new JobWorker(t.ctx, [def]);
    const b = new JobWorker(t.ctx, [def]);
    await Promise.all([a.drain(), b.drain()]);
    expect(runs).toBe(1);
  });
});

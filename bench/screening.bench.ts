/**
 * `npm run bench -- screening [--speed-only | --quality-only]`: matcher quality on the labelled
 * name-bench pairs next to OpenSanctions' logic-v2, then speed against the UN and OFAC lists.
 */
const args = process.argv.slice(2);
if (!args.includes('--speed-only')) await import('./screening-quality.ts');
if (!args.includes('--quality-only')) await import('./screening-lists.ts');

export {};

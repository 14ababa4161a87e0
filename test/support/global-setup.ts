import { testEngines } from './engines.ts';

/** Runs once before any test file: a CI run without TEST_DATABASE_URL stops here, with one message. */
export default function checkTestDatabases(): void {
  testEngines();
}

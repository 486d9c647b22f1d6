/**
 * A tiny test runner for the end-to-end suite: named tests run in order, each prints PASS or FAIL,
 * and the summary line `E2E: N passed, M failed` is what .ci/run reads.
 */
export interface E2eTest<Context> {
  readonly name: string;
  readonly run: (context: Context) => Promise<void>;
}

export async function runTests<Context>(
  tests: readonly E2eTest<Context>[],
  context: Context,
  afterEach: (test: E2eTest<Context>) => string[],
): Promise<{ passed: number; failed: number }> {
  let passed = 0;
  let failed = 0;
  for (const test of tests) {
    const started = Date.now();
    let problems: string[] = [];
    try {
      await test.run(context);
    } catch (error) {
      problems.push(error instanceof Error ? error.message : String(error));
    }
    problems = problems.concat(afterEach(test));
    const ms = Date.now() - started;
    if (problems.length === 0) {
      passed++;
      console.log(`PASS  ${test.name} (${ms} ms)`);
    } else {
      failed++;
      console.log(`FAIL  ${test.name} (${ms} ms)`);
      for (const problem of problems) console.log(`      ${problem.replace(/\n/g, '\n      ')}`);
    }
  }
  return { passed, failed };
}

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

/** Polls `probe` until it returns a value `accept` likes, or fails with `what` after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T>,
  accept: (value: T) => boolean,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  for (;;) {
    last = await probe();
    if (accept(last)) return last;
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}; last value: ${JSON.stringify(last)}`);
    await sleep(50);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

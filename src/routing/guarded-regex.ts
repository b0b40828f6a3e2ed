import vm from 'node:vm';

// Running a test inside a context with a timeout is the only way to stop a regular expression
// that backtracks for too long: V8 checks for the interruption while it backtracks.
const sandbox = vm.createContext({ pattern: /$^/, text: '' });
const runTest = new vm.Script('pattern.test(text)');

/** `pattern.test(text)`, or 'timeout' when it ran longer than `timeoutMs`. */
export function guardedTest(pattern: RegExp, text: string, timeoutMs: number): boolean | 'timeout' {
  sandbox.pattern = pattern;
  sandbox.text = text;
  try {
    return runTest.runInContext(sandbox, { timeout: timeoutMs }) === true;
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') return 'timeout';
    throw error;
  } finally {
    sandbox.text = '';
  }
}

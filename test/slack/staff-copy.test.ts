import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { configSchema } from '../../src/config/config-schema.js';
import { classifyXDmError } from '../../src/channels/x/x-dm-errors.js';
import { classifyXError, type XFailure } from '../../src/channels/x/x-errors.js';
import { REVIEW_REFUSAL_TEXT } from '../../src/domain/reply-approval.js';
import { businessHoursNotConfiguredText, notAllowedText, reportFailedText } from '../../src/reports/report-service.js';
import { managersOnlyText } from '../../src/roles/manager-access.js';

/**
 * Staff read Earshot's messages in Slack; the names of environment variables are for the admin
 * (docs and logs). Any setting name in a staff text means a message that sends staff to a file
 * they cannot see.
 */
const settingNames = Object.keys(configSchema.shape);
const namesIn = (text: string) => settingNames.filter((name) => new RegExp(`\\b${name}\\b`).test(text));

const failures: XFailure[] = [
  { status: 401, body: { title: 'Unauthorized', detail: 'Unauthorized', status: 401 } },
  { status: 403, body: { title: 'Forbidden', detail: 'Your client app is not configured with the appropriate oauth1 app permissions for this endpoint.' } },
  { status: 403, body: { title: 'Forbidden', detail: 'You are not permitted to perform this action.' } },
  { status: 403, body: { title: 'Forbidden', detail: 'You are not allowed to create a Tweet with duplicate content.' } },
  {
    status: 403,
    body: { title: 'Forbidden', detail: 'Reply to this conversation is not allowed because you have not been mentioned or otherwise engaged by the author.' },
  },
  { status: 400, body: { title: 'Invalid Request', detail: 'One or more parameters to your request was invalid.' } },
  { status: 429, headers: { 'x-rate-limit-reset': '1800000000' } },
  { status: 503, body: { title: 'Service Unavailable' } },
  { code: 'ETIMEDOUT' },
  { code: 'ECONNREFUSED' },
  { status: 418 },
];

describe('messages to staff name no setting', () => {
  it('the refusals of managers-only actions', () => {
    for (const what of ['Reports', 'The audit export', 'Erasing a customer’s data']) {
      for (const access of ['none_configured', 'not_manager'] as const) expect(namesIn(managersOnlyText(access, what))).toEqual([]);
    }
    expect(managersOnlyText('none_configured', 'Reports')).toContain('Ask your Earshot admin');
  });

  it('the refusals to review a draft', () => {
    for (const text of Object.values(REVIEW_REFUSAL_TEXT)) expect(namesIn(text)).toEqual([]);
  });

  it("the report's refusals and notices", () => {
    for (const text of [notAllowedText, businessHoursNotConfiguredText, reportFailedText]) expect(namesIn(text)).toEqual([]);
  });

  it('what the thread says when X refuses a reply or a DM', () => {
    for (const failure of failures) {
      expect(namesIn(classifyXError(failure).plainMessage), JSON.stringify(failure)).toEqual([]);
      expect(namesIn(classifyXDmError(failure).plainMessage), JSON.stringify(failure)).toEqual([]);
    }
  });
});

const srcRoot = fileURLToPath(new URL('../../src', import.meta.url));

/** Modules only the admin reads: the settings themselves, database start-up, and the poll loop's log lines. */
const adminOnly = [/^config\//, /^db\//, /^generated\//, /^ingest\/polling-loop\.ts$/];
const logLevels = new Set(['fatal', 'error', 'warn', 'info', 'debug', 'trace']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** `logger.warn(…)`, `deps.logger[level](…)`: a log line, which is for the admin. */
function isLogCall(node: ts.Node): boolean {
  if (!ts.isCallExpression(node)) return false;
  const callee = node.expression;
  if (ts.isPropertyAccessExpression(callee)) return logLevels.has(callee.name.text) && /log/i.test(callee.expression.getText());
  if (ts.isElementAccessExpression(callee)) return /log/i.test(callee.expression.getText());
  return false;
}

/** Every string a module could show (literals and template text), outside log calls and imports. */
function shownStrings(file: string): { line: number; text: string }[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: { line: number; text: string }[] = [];
  const visit = (node: ts.Node): void => {
    if (isLogCall(node) || ts.isImportDeclaration(node) || ts.isExportDeclaration(node) || ts.isLiteralTypeNode(node)) return;
    if (
      ts.isStringLiteral(node) ||
      ts.isNoSubstitutionTemplateLiteral(node) ||
      ts.isTemplateHead(node) ||
      ts.isTemplateMiddle(node) ||
      ts.isTemplateTail(node)
    ) {
      found.push({ line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, text: node.text });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('no module that writes to staff names a setting', () => {
  it('finds the setting names (the sweep would pass vacuously otherwise)', () => {
    expect(settingNames).toEqual(expect.arrayContaining(['ROLE_APPROVERS', 'REPORT_MANAGERS', 'SLACK_CHANNEL', 'SURGE_CHANNEL', 'SLA_MINUTES']));
    const sample = path.join(srcRoot, 'roles', 'manager-access.ts');
    // Its log line names ROLE_MANAGERS; the sweep must skip it and still see the staff text.
    expect(shownStrings(sample).some((string) => string.text.includes('only for managers'))).toBe(true);
    expect(shownStrings(sample).some((string) => string.text.includes('ROLE_MANAGERS'))).toBe(false);
  });

  it('no string outside log lines and admin-only modules contains one', () => {
    const offenders = sourceFiles(srcRoot)
      .map((file) => path.relative(srcRoot, file).split(path.sep).join('/'))
      .filter((relative) => !adminOnly.some((pattern) => pattern.test(relative)))
      .flatMap((relative) =>
        shownStrings(path.join(srcRoot, relative)).flatMap(({ line, text }) =>
          namesIn(text).map((name) => `src/${relative}:${line} names ${name}: ${JSON.stringify(text)}`),
        ),
      );
    expect(offenders).toEqual([]);
  });
});

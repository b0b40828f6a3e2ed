import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLine } from '../../emulators/sandbox/commands.js';
import type { Session } from '../../emulators/sandbox/session.js';
import { startSandbox, type Sandbox } from '../../emulators/sandbox/start-sandbox.js';

/**
 * The sandbox's commands driven as a person types them, against the real Earshot process: each
 * scenario reads what the terminal shows, and checks Slack and X behind it where the text alone
 * could mislead.
 */
describe('sandbox commands', () => {
  let sandbox: Sandbox;
  let dataDir: string;
  let session: Session;
  let output: string[] = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'earshot-sandbox-commands-'));
    sandbox = await startSandbox({ dataDir });
    session = { sandbox, customer: 'jo', slackUser: 'alice', print: (...lines) => output.push(...lines) };
  }, 90_000);

  afterAll(async () => {
    await sandbox?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  /** Runs typed lines; returns what the terminal showed for them. */
  async function type(...lines: string[]): Promise<string> {
    output = [];
    for (const line of lines) await runLine(line, session);
    return output.join('\n');
  }

  /** A new customer mentions the brand; returns the number of its thread in #social. */
  async function newThread(customer: string, text: string): Promise<number> {
    const shown = await type(`customer @${customer}`, 'as alice', `mention ${text}`);
    const number = /\+ thread (\d+) \(new in #social\)/.exec(shown)?.[1];
    expect(number, shown).toBeDefined();
    return Number(number);
  }

  const userId = (name: string) => sandbox.slack.users[name]!.id;

  it('help lists the people, their roles and teams', async () => {
    const shown = await type('help');
    expect(shown).toMatch(/alice \(Alice Adams\)\s+manager/);
    expect(shown).toMatch(/bob \(Bob Baker\)\s+approver/);
    expect(shown).toMatch(/carol \(Carol Chen\)\s+team @billing/);
    expect(shown).toMatch(/dana \(Dana Diaz\)\s+learning: .*; team @billing/);
    expect(shown).toContain('pick <person|team|#channel|option>');
  });

  it('assign to a team: the team shows by its handle, each member gets a DM, and Take it from the DM assigns it', async () => {
    const thread = await newThread('kim', 'my parcel is late');
    expect(await type(`click ${thread} Assign`)).toContain('== Assign / hand off ==');
    expect(await type('pick billing')).toContain('Billing (@billing)');
    const handedOff = await type('type they ordered twice', 'submit');
    expect(handedOff).toContain('handed this to @billing');
    expect(handedOff).not.toMatch(/@S[0-9A-Z]{4,}/);
    expect(handedOff).toMatch(/\+ DM to carol \(carol's dm 1\)[\s\S]*handed your team @billing a conversation with @kim[\s\S]*\[Take it\]/);
    expect(handedOff).toMatch(/\+ DM to dana \(dana's dm 1\)/);

    expect(await type('as dana', 'dms')).toMatch(/\[1\] Earshot \(app\):[\s\S]*they ordered twice[\s\S]*\[Take it\]/);
    const taken = await type('click dm Take it');
    expect(taken).toContain('You took it');
    expect(taken).toContain('Assigned to @dana');

    // The App Home lists it under dana's queue, and its buttons work.
    const home = await type('home');
    expect(home).toMatch(/== My queue ==[\s\S]*@kim · 👤 you/);
    expect(await type('click home 1 Resolve')).toMatch(/thread \d+ updated:[\s\S]*Resolved/);
  }, 60_000);

  it('assign to a person with pick, and @name in a note mentions them as Slack does', async () => {
    const thread = await newThread('lee', 'the app crashes');
    const assigned = await type(`click ${thread} Assign`, 'pick bob', 'submit');
    expect(assigned).toMatch(/\+ DM to bob \(bob's dm \d+\)[\s\S]*@alice handed you/);
    await type(`note ${thread} @bob can you check, cc @billing`);
    const parent = sandbox.slack.state.messages(sandbox.channelId)[thread - 1]!;
    const note = sandbox.slack.state.thread(sandbox.channelId, parent.ts).find((message) => message.text.includes('can you check'));
    expect(note?.text).toBe(`<@${userId('bob')}> can you check, cc <!subteam^${sandbox.slack.usergroups.billing!.id}>`);
  }, 60_000);

  it("approval: a learning member's reply is held, an approver rejects it (she gets a DM) and approves the next one", async () => {
    const thread = await newThread('max', 'where is my refund?');
    const held = await type('as dana', `click ${thread} Reply`, 'type @max sorry, soon', 'submit');
    expect(held).toContain('Draft reply by @dana awaiting approval* (learning responder)');
    expect(sandbox.x.control.posts({ author: sandbox.x.brand.id }).some((post) => post.text.includes('sorry, soon'))).toBe(false);

    const rejected = await type('as bob', `click ${thread} Reject`, 'type please say when', 'submit');
    expect(rejected).toMatch(/\+ DM to dana \(dana's dm \d+\)[\s\S]*@bob rejected your reply to @max[\s\S]*please say when[\s\S]*\[Edit and send again\]/);
    expect(await type('as dana', 'dms')).toContain('@bob rejected your reply');

    const again = await type(`click ${thread} Reply`, 'type @max your refund left today', 'submit');
    expect(again).toContain('awaiting approval');
    const approved = await type('as bob', `click ${thread} Approve`);
    expect(approved).toContain('Replied publicly by @dana (approved by @bob): @max your refund left today');
    expect(approved).toMatch(/\+ on X: .*@acme_support ↩ to @max: @max your refund left today/);
  }, 90_000);

  it('a report only you see: Share in channel posts it, and its files can be listed and read', async () => {
    const report = await type('as alice', '/socialreport csv');
    expect(report).toContain('+ only visible to alice:');
    expect(report).toContain('[Share in channel]');
    expect(await type('click ephemeral Share in channel')).toMatch(/\(new in #social\)[\s\S]*shared by @alice/);

    const files = await type('files');
    expect(files).toMatch(/1\. earshot-report-.*\.csv \(text\/csv, \d+ bytes\) in #social/);
    expect(files).toMatch(/earshot-chart-.*\.png \(image\/png/);
    const csv = await type('file 1');
    expect(csv).toContain('ref,started_at,author_handle');
    expect(csv).toMatch(/Saved earshot-report-.*\.csv to /);
  }, 60_000);

  it('X DMs both ways: Take private sends one, the customer answers with `x dm`, and it reaches the thread', async () => {
    const thread = await newThread('ana', 'I was charged twice');
    const sent = await type(`click ${thread} Take private`, 'submit');
    expect(sent).toMatch(/\+ DM on X: .*@acme_support → @ana: Hi Ana, thanks for getting in touch/);

    const answered = await type('x dm my account number is 12345678');
    expect(answered).toMatch(/DM from @ana[\s\S]*my account number is 12345678/);
    expect(await type('x dms')).toMatch(/@acme_support → @ana: Hi Ana[\s\S]*@ana → @acme_support: my account number is 12345678/);
  }, 120_000);

  it('fb-comment: a Facebook comment reaches #social showing Facebook, and the reply from the modal lands under it', async () => {
    const shown = await type('customer @lee', 'as alice', 'fb-comment my kettle leaks');
    const thread = /\+ thread (\d+) \(new in #social\)/.exec(shown)?.[1];
    expect(thread, shown).toBeDefined();
    expect(shown).toMatch(/Facebook[\s\S]*my kettle leaks/);
    const replied = await type(`click ${thread} Reply`, 'type Lee, a new kettle is on its way', 'submit');
    expect(replied).toContain('Replied publicly by @alice: Lee, a new kettle is on its way');
    const { meta } = sandbox;
    expect(meta.control.comments().filter((comment) => comment.authorId === meta.page.id)).toEqual([
      expect.objectContaining({ message: 'Lee, a new kettle is on its way' }),
    ]);
  }, 120_000);
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { slackTextToPlain } from '../../../src/slack/blocks/slack-text-to-plain.js';

describe('slackTextToPlain', () => {
  it.each([
    ['we can refund &amp; ship &lt;today&gt;', 'we can refund & ship <today>'],
    ['see <https://acme.com/help|our help page>', 'see https://acme.com/help'],
    ['mail <mailto:help@acme.com|help@acme.com>', 'mail help@acme.com'],
    ['ask <@U0ALICE|alice> in <#C0BILLING|billing>', 'ask @alice in #billing'],
    ['<!here> we shipped it <@U0BOB>', 'we shipped it'],
  ])('reads %j as %j', (slack, plain) => {
    expect(slackTextToPlain(slack)).toBe(plain);
  });

  it('leaves text without Slack markup as it is (apart from outer spaces)', () => {
    fc.assert(fc.property(fc.stringMatching(/^[^<>&]*$/), (text) => slackTextToPlain(text) === text.replace(/[ \t]{2,}/g, ' ').trim()));
  });
});

import { describe, expect, it } from 'vitest';
import { applySignature } from '../../src/domain/signature.js';

describe('applySignature', () => {
  it('appends the signature after one space', () => {
    expect(applySignature('@ann Sorted, thanks!', '^AL')).toBe('@ann Sorted, thanks! ^AL');
  });

  it('does not double the space when the text ends with whitespace', () => {
    expect(applySignature('@ann Sorted! \n', '^AL')).toBe('@ann Sorted! ^AL');
  });

  it('does not sign twice', () => {
    expect(applySignature('@ann Sorted! ^AL', '^AL')).toBe('@ann Sorted! ^AL');
    expect(applySignature('@ann Sorted! ^AL ', ' ^AL ')).toBe('@ann Sorted! ^AL');
  });

  it('still signs when the signature only appears glued to a word', () => {
    expect(applySignature('@ann see x^AL', '^AL')).toBe('@ann see x^AL ^AL');
  });

  it('leaves the text alone without a signature', () => {
    expect(applySignature('@ann Hi', undefined)).toBe('@ann Hi');
    expect(applySignature('@ann Hi', '  ')).toBe('@ann Hi');
  });

  it('does not sign an empty text', () => {
    expect(applySignature('   ', '^AL')).toBe('');
  });
});

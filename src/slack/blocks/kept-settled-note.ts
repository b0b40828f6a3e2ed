/** Said under a customer's bare thanks that arrived after the team had answered. */
export const keptSettledNote = 'Just thanks: not reopened';

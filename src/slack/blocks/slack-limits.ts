// https://docs.slack.dev/reference/block-kit/blocks and …/composition-objects
export const SECTION_TEXT_MAX = 3000;
export const OPTION_TEXT_MAX = 75;
export const SELECT_OPTIONS_MAX = 100;
/** Blocks in one message (https://docs.slack.dev/reference/block-kit/blocks). */
export const MESSAGE_BLOCKS_MAX = 50;

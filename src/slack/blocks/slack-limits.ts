// https://docs.slack.dev/reference/block-kit/blocks and …/composition-objects
export const SECTION_TEXT_MAX = 3000;
export const OPTION_TEXT_MAX = 75;
export const SELECT_OPTIONS_MAX = 100;
/** Blocks in one message (https://docs.slack.dev/reference/block-kit/blocks). */
export const MESSAGE_BLOCKS_MAX = 50;
/** Slack refuses a plain_text_input whose initial_value is longer than this (and so a live-count views.update). */
export const TEXT_INPUT_MAX = 3000;
/**
 * The public reply box stops here for networks with short limits (X's 280): anything longer is
 * refused anyway, and a box that kept growing would break the live count at Slack's 3,000.
 */
export const PUBLIC_REPLY_INPUT_MAX = 1000;

export { type Surface, validateBlocks } from './blocks.js';
export { type ViewType, validateView } from './view.js';

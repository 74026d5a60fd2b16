export { AnnotationClient, isCurrent, sha256Hex } from './client.js';
export { AnnotationError } from './errors.js';
export { locate, rangeToSpan, spanToRange, spansToRanges } from './ranges.js';

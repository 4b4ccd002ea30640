import type { Feature } from './types';

/**
 * Every LSP feature of the server besides diagnostics, one module each. Add a feature by appending it
 * here: its capabilities are merged into the initialize result, its handlers registered at start.
 */
export const FEATURES: Feature[] = [];

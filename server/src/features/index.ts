import type { Feature } from './types';
import { definitionFeature } from './definition';
import { renameFeature } from './rename';
import { symbolsFeature } from './symbols';
import { structureRangesFeature } from './structureRanges';
import { renderFeature } from './render';
import { completionFeature } from './completion';
import { hoverFeature } from './hover';
import { codeActionsFeature } from './codeActions';
import { inlayHintsFeature } from './inlayHints';
import { formattingFeature } from './formatting';
import { officeFeature } from './office';

/**
 * Every LSP feature of the server besides diagnostics, one module each. Add a feature by appending it
 * here: its capabilities are merged into the initialize result, its handlers registered at start.
 */
export const FEATURES: Feature[] = [definitionFeature, renameFeature, symbolsFeature, structureRangesFeature, renderFeature, completionFeature, hoverFeature, codeActionsFeature, inlayHintsFeature, formattingFeature, officeFeature];

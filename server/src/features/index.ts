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

/**
 * Every LSP feature of the server besides diagnostics that runs on any host (Node and the browser worker),
 * one module each. Add a feature by appending it here: its capabilities are merged into the initialize
 * result, its handlers registered at start. Host-only features (XLSX, which needs Node's zlib and streams:
 * features/office.ts) are given by the host (ServerRuntime.features, node/main.ts).
 */
export const FEATURES: Feature[] = [definitionFeature, renameFeature, symbolsFeature, structureRangesFeature, renderFeature, completionFeature, hoverFeature, codeActionsFeature, inlayHintsFeature, formattingFeature];

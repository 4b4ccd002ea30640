/**
 * Messages between the extension and the preview webview, discriminated by `type`. Every message
 * carries the document URI; both sides validate what they receive (a webview is untrusted input)
 * and ignore messages about another document. No `vscode` import: the webview script uses this too.
 */

export interface DeliverableTab {
  id: string;
  label: string;
}

/** A new render (or a failed one: `error`, and the webview keeps its last good render). */
export interface UpdateMessage {
  type: 'update';
  uri: string;
  version: number;
  deliverable?: string;
  deliverables: DeliverableTab[];
  html?: string;
  error?: string;
}

/** The editor scrolled: show the element of this source line (0-based). */
export interface ScrollToLineMessage {
  type: 'scrollToLine';
  uri: string;
  line: number;
}

export type ToWebview = UpdateMessage | ScrollToLineMessage;

/** The webview script is listening (it asks for the last render). */
export interface ReadyMessage {
  type: 'ready';
  uri: string;
}

export interface SelectDeliverableMessage {
  type: 'selectDeliverable';
  uri: string;
  deliverable: string;
}

/** The user clicked an element: reveal its source line (0-based) in the editor. */
export interface RevealLineMessage {
  type: 'revealLine';
  uri: string;
  line: number;
}

/** Sent after each render, with what is on screen (tests wait on it). */
export interface RenderedMessage {
  type: 'rendered';
  uri: string;
  version: number;
  deliverable: string;
  headings: string[];
}

export type FromWebview = ReadyMessage | SelectDeliverableMessage | RevealLineMessage | RenderedMessage;

/** What the webview saves with `setState`, restored by the serializer after a reload. */
export interface PreviewState {
  uri: string;
  deliverable?: string;
}

type Rec = Record<string, unknown>;

const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStr = (v: unknown, max = 100_000): v is string => typeof v === 'string' && v.length <= max;
const isLine = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < 10_000_000;
const isDeliverable = (v: unknown): v is string => isStr(v, 40) && /^[a-z]+$/.test(v);

/** A message from the webview, or undefined when it is malformed. */
export function parseFromWebview(v: unknown): FromWebview | undefined {
  if (!isRec(v) || !isStr(v.uri, 4096)) return undefined;
  switch (v.type) {
    case 'ready':
      return { type: 'ready', uri: v.uri };
    case 'selectDeliverable':
      return isDeliverable(v.deliverable) ? { type: 'selectDeliverable', uri: v.uri, deliverable: v.deliverable } : undefined;
    case 'revealLine':
      return isLine(v.line) ? { type: 'revealLine', uri: v.uri, line: v.line } : undefined;
    case 'rendered':
      return typeof v.version === 'number' && isDeliverable(v.deliverable) && Array.isArray(v.headings) && v.headings.every((h) => isStr(h, 2000))
        ? { type: 'rendered', uri: v.uri, version: v.version, deliverable: v.deliverable, headings: v.headings as string[] }
        : undefined;
    default:
      return undefined;
  }
}

/** A message from the extension, or undefined when it is malformed. */
export function parseToWebview(v: unknown): ToWebview | undefined {
  if (!isRec(v) || !isStr(v.uri, 4096)) return undefined;
  if (v.type === 'scrollToLine') return isLine(v.line) ? { type: 'scrollToLine', uri: v.uri, line: v.line } : undefined;
  if (v.type !== 'update' || typeof v.version !== 'number' || !Array.isArray(v.deliverables)) return undefined;
  const tabs = v.deliverables.filter((t): t is DeliverableTab => isRec(t) && isDeliverable(t.id) && isStr(t.label, 200));
  return {
    type: 'update',
    uri: v.uri,
    version: v.version,
    deliverable: isDeliverable(v.deliverable) ? v.deliverable : undefined,
    deliverables: tabs,
    html: isStr(v.html, 50_000_000) ? v.html : undefined,
    error: isStr(v.error, 10_000) ? v.error : undefined,
  };
}

/** The saved state of a preview, or undefined. */
export function parseState(v: unknown): PreviewState | undefined {
  if (!isRec(v) || !isStr(v.uri, 4096)) return undefined;
  return { uri: v.uri, deliverable: isDeliverable(v.deliverable) ? v.deliverable : undefined };
}

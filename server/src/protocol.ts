/**
 * Custom LSP messages between the AMO client and server, declared once and imported by both sides.
 */
import { NotificationType } from 'vscode-languageserver-protocol';

export interface ValidationStatusParams {
  uri: string;
  version: number;
  errors: number;
  warnings: number;
  /** Milliseconds spent computing the diagnostics. */
  durationMs: number;
}

/** Sent after each validation, so the client's status bar can show state and counts. */
export const ValidationStatusNotification = new NotificationType<ValidationStatusParams>('amo/validationStatus');
